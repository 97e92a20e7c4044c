import type { ExaminationProgress } from './pacedExamination';

/**
 * Passes on progress of the full examination about once per `percent` of the profiles (and
 * at the start and the end), so thousands of examinations do not mean thousands of UI
 * updates or terminal lines.
 */
export function everyPercent(percent: number, report: (progress: ExaminationProgress) => void): (progress: ExaminationProgress) => void {
  let lastStep = -1;
  return (progress) => {
    const step = progress.total === 0 ? 0 : Math.floor((progress.examined * 100) / progress.total / percent);
    if (step === lastStep && progress.examined !== progress.total && progress.examined !== 0) return;
    lastStep = step;
    report(progress);
  };
}

/** `examined 1,200 of 9,000 inference profiles` (the CLI's wording; VS Code localises its own). */
export function examinedText(progress: ExaminationProgress): string {
  return `examined ${progress.examined.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')} inference profiles`;
}
