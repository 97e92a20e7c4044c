/**
 * A Claude model's name as people say it, from the foundation-model ARN an inference
 * profile routes to: `…:foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0` →
 * "Claude Sonnet 4.5". Anything it does not recognise is shown as its model id.
 */
export function modelDisplayName(modelArn: string): string {
  const id = modelArn.slice(modelArn.lastIndexOf('/') + 1);
  const bare = id.replace(/^(?:[a-z]{2}\.)?anthropic\./, '').replace(/-v\d+(?::\d+)?$/, '').replace(/-\d{8}$/, '');
  const match = /^claude-(?:(opus|sonnet|haiku)-(\d+(?:-\d)?)|(\d+(?:-\d)?)-(opus|sonnet|haiku))$/.exec(bare);
  if (!match) return id;
  const family = match[1] ?? match[4] ?? '';
  const version = (match[2] ?? match[3] ?? '').replace('-', '.');
  return `Claude ${family.charAt(0).toUpperCase()}${family.slice(1)} ${version}`;
}

/** The distinct model names of a profile's models, joined for one line. */
export function modelNames(modelArns: readonly string[]): string {
  return [...new Set(modelArns.map(modelDisplayName))].join(', ');
}
