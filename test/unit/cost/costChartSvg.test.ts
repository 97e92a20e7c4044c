import assert from 'node:assert/strict';
import { CHART_LAYOUT, costChartSvg, type CostChartLabels, type CostDay } from '../../../src/core/cost/costChartSvg';
import { renderCostDetailsHtml, type CostDetailsPage } from '../../../src/core/cost/costDetailsHtml';
import { byTag, num, only, parseMarkup, strayText, textOf, type MarkupElement } from './support/markup';

const labels: CostChartLabels = { title: 'Daily cost, 2026-03', billed: 'billed', estimated: 'estimated', noData: 'No cost data yet this month.', allZero: 'No cost recorded on these days.' };
const PLOT_HEIGHT = CHART_LAYOUT.height - CHART_LAYOUT.top - CHART_LAYOUT.bottom;

function month(days: number, amountOf: (day: number) => number, estimatedFrom = days + 1): CostDay[] {
  return Array.from({ length: days }, (_, index) => ({
    date: `2026-03-${String(index + 1).padStart(2, '0')}`,
    amount: amountOf(index + 1),
    source: index + 1 >= estimatedFrom ? ('estimated' as const) : ('billed' as const),
  }));
}

/** The drawn bars, read back from the SVG text rather than from the builder's own numbers. */
function rects(svg: string): { cls: string; height: number; y: number; title: string }[] {
  return [...svg.matchAll(/<rect class="bar ([^"]+)" x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)"><title>([^<]*)<\/title><\/rect>/g)].map((match) => ({
    cls: match[1] ?? '',
    y: Number(match[2]),
    height: Number(match[3]),
    title: match[4] ?? '',
  }));
}

describe('cost: daily chart as inline SVG (VS Code-free)', () => {
  it('draws one bar per day with heights proportional to the amounts, the largest reaching the top of the axis', () => {
    const days = month(30, (day) => (day % 7) * 1.25 + 0.5);
    const chart = costChartSvg(days, 'USD', labels);
    const drawn = rects(chart.svg);
    assert.equal(drawn.length, 30);
    const max = Math.max(...days.map((day) => day.amount));
    assert.equal(chart.max, max);
    for (const [index, day] of days.entries()) {
      const bar = drawn[index];
      assert.ok(bar);
      assert.ok(Math.abs(bar.height - (day.amount / max) * PLOT_HEIGHT) < 0.01, `${day.date}: ${String(bar.height)}`);
      assert.ok(Math.abs(bar.y + bar.height - (CHART_LAYOUT.top + PLOT_HEIGHT)) < 0.02, 'bars stand on the baseline');
    }
    assert.equal(Math.max(...drawn.map((bar) => bar.height)), PLOT_HEIGHT);
    // Day 5 ($6.75) against day 2 ($3.00): 2.25 times as tall.
    assert.ok(Math.abs((drawn[4]?.height ?? 0) / (drawn[1]?.height ?? 1) - 6.75 / 3) < 0.001);
    assert.match(chart.svg, /<text class="axis-max"[^>]*>\$8\.00<\/text>/);
    console.log(`      SVG for a 30-day month: ${String(Buffer.byteLength(chart.svg))} bytes`);
  });

  it('marks estimated days apart from billed ones (class, hatched legend entry, title)', () => {
    const chart = costChartSvg(month(10, () => 2, 8), 'USD', labels);
    const drawn = rects(chart.svg);
    assert.deepEqual(
      drawn.map((bar) => bar.cls),
      [...Array<string>(7).fill('bar-billed'), ...Array<string>(3).fill('bar-estimated')],
    );
    assert.equal(drawn[0]?.title, '2026-03-01: $2.00 (billed)');
    assert.equal(drawn[9]?.title, '2026-03-10: $2.00 (estimated)');
    assert.match(chart.svg, /<pattern id="cost-hatch"/);
    assert.match(chart.svg, /<rect class="bar-billed"[^>]*\/><text[^>]*>billed<\/text>/);
    assert.match(chart.svg, /<rect class="bar-estimated"[^>]*\/><text[^>]*>estimated<\/text>/);
    // A month with billed days only has no hatched legend entry.
    assert.doesNotMatch(costChartSvg(month(3, () => 1), 'USD', labels).svg, />estimated</);
  });

  it('says there is no cost data yet for an empty month, and draws zero-height bars (no NaN) for a month of zeros', () => {
    const empty = costChartSvg([], 'USD', labels);
    assert.equal(empty.bars.length, 0);
    assert.match(empty.svg, /No cost data yet this month\./);
    assert.doesNotMatch(empty.svg, /NaN|Infinity/);
    const zeros = costChartSvg(month(5, () => 0), 'USD', labels);
    assert.equal(rects(zeros.svg).length, 5);
    assert.ok(rects(zeros.svg).every((bar) => bar.height === 0));
    assert.match(zeros.svg, /No cost recorded on these days\./);
    assert.doesNotMatch(zeros.svg, /NaN|Infinity/);
    const odd = costChartSvg([{ date: '2026-03-01', amount: Number.NaN, source: 'billed' }, { date: '2026-03-02', amount: 4, source: 'billed' }], 'USD', labels);
    assert.doesNotMatch(odd.svg.replace(/<title>[^<]*<\/title>/g, ''), /NaN/, 'geometry never carries NaN');
  });

  it('escapes every string it is given, in the chart and in the page around it', () => {
    const hostile = '</title><script>alert(1)</script>"\'&';
    const chart = costChartSvg([{ date: '2026-03-01', amount: 1, source: 'billed' }], 'EUR', { ...labels, title: hostile, billed: hostile });
    assert.doesNotMatch(chart.svg, /<script>/);
    assert.match(chart.svg, /&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&#39;&amp;/);
    assert.match(chart.svg, /1\.00 EUR/);
    const page: CostDetailsPage = {
      nonce: 'n0nce',
      cspSource: 'vscode-webview://abc',
      heading: hostile,
      figure: hostile,
      sourceLabel: hostile,
      facts: [hostile],
      reason: hostile,
      chart,
      table: { caption: hostile, headers: [hostile, 'Amount', 'Source'], rows: [[hostile, '$1.00', hostile]] },
      actions: [{ label: hostile, command: 'bedrockOnboarding.refreshCost' }],
    };
    const html = renderCostDetailsHtml(page);
    assert.doesNotMatch(html, /<script/);
    assert.equal(html.split(hostile).length, 1, 'the raw string appears nowhere');
    assert.match(html, /content="default-src 'none'; style-src vscode-webview:\/\/abc 'nonce-n0nce'; img-src vscode-webview:\/\/abc;"/);
    assert.match(html, /<a href="command:bedrockOnboarding.refreshCost">/);
  });

  describe('as a viewer sees it (read back from the parsed SVG)', () => {
    /** The one <svg> of the output; parsing throws on any unclosed tag or unescaped '<' or '&'. */
    function svgOf(svg: string): MarkupElement {
      const root = parseMarkup(svg);
      assert.deepEqual(
        root.children.map((child) => (typeof child === 'string' ? child : child.tag)),
        ['svg'],
        'the output is one <svg> element and nothing else',
      );
      return only(root, 'svg');
    }

    /** The y axis (vertical) and the x axis (horizontal). */
    function axes(svg: MarkupElement): { left: number; top: number; baseline: number; right: number } {
      const lines = byTag(svg, 'line', 'axis');
      const vertical = lines.filter((line) => line.attrs.x1 === line.attrs.x2);
      const horizontal = lines.filter((line) => line.attrs.y1 === line.attrs.y2);
      assert.equal(vertical.length, 1);
      assert.equal(horizontal.length, 1);
      const [y, x] = [vertical[0] as MarkupElement, horizontal[0] as MarkupElement];
      assert.deepEqual([num(x, 'x1'), num(x, 'y1')], [num(y, 'x1'), num(y, 'y2')], 'the axes meet at the origin, bottom left');
      return { left: num(y, 'x1'), top: num(y, 'y1'), baseline: num(y, 'y2'), right: num(x, 'x2') };
    }

    function barsOf(svg: MarkupElement): { x: number; y: number; width: number; height: number; title: string }[] {
      return byTag(svg, 'rect', 'bar').map((rect) => ({ x: num(rect, 'x'), y: num(rect, 'y'), width: num(rect, 'width'), height: num(rect, 'height'), title: textOf(only(rect, 'title')) }));
    }

    const close = (actual: number, expected: number, what: string): void => {
      assert.ok(Math.abs(actual - expected) < 0.02, `${what}: ${String(actual)}, expected ${String(expected)}`);
    };

    it('is one well-formed SVG named by its title, with text only in labels (empty, one-day and many-day months)', () => {
      for (const days of [[], month(1, () => 3), month(30, (day) => day, 20), month(4, () => 0)]) {
        const svg = svgOf(costChartSvg(days, 'USD', labels).svg);
        assert.equal(svg.attrs.viewBox, `0 0 ${String(CHART_LAYOUT.width)} ${String(CHART_LAYOUT.height)}`);
        assert.equal(svg.attrs.role, 'img');
        const title = svg.children[0];
        assert.ok(typeof title !== 'string' && title?.tag === 'title', 'the accessible name comes first');
        assert.equal(title.attrs.id, svg.attrs['aria-labelledby']);
        assert.equal(textOf(title), 'Daily cost, 2026-03');
        assert.deepEqual(strayText(svg), [], `${String(days.length)} days`);
      }
    });

    it('centres the no-data sentence in the chart and draws neither axes nor bars for an empty month', () => {
      const svg = svgOf(costChartSvg([], 'USD', labels).svg);
      const message = only(svg, 'text', 'message');
      assert.equal(textOf(message), 'No cost data yet this month.');
      assert.equal(message.attrs['text-anchor'], 'middle');
      assert.deepEqual([num(message, 'x'), num(message, 'y')], [CHART_LAYOUT.width / 2, CHART_LAYOUT.height / 2]);
      assert.deepEqual(byTag(svg, 'rect'), []);
      assert.deepEqual(byTag(svg, 'line', 'axis'), []);
    });

    it('lays the days out oldest first, evenly between the axes, with a gap between neighbouring bars', () => {
      const ordered = month(7, (day) => day * 1.5);
      const shuffled = [3, 6, 0, 5, 1, 4, 2].map((index) => ordered[index] as CostDay);
      const svg = svgOf(costChartSvg(shuffled, 'USD', labels).svg);
      const axis = axes(svg);
      assert.deepEqual(axis, { left: CHART_LAYOUT.left, top: CHART_LAYOUT.top, baseline: CHART_LAYOUT.top + PLOT_HEIGHT, right: CHART_LAYOUT.width - CHART_LAYOUT.right });
      const bars = barsOf(svg);
      assert.deepEqual(
        bars.map((bar) => bar.title.slice(0, 10)),
        ordered.map((day) => day.date),
      );
      const width = bars[0]?.width ?? 0;
      const margin = (bars[0]?.x ?? 0) - axis.left;
      assert.ok(width > 0 && margin > 0, `width ${String(width)}, margin ${String(margin)}`);
      for (const [index, bar] of bars.entries()) {
        close(bar.width, width, `width of bar ${String(index)}`);
        // Each bar sits in the middle of an equal share of the axis, so neighbours are two margins apart.
        close(bar.x, axis.left + margin + index * (width + 2 * margin), `x of bar ${String(index)}`);
      }
      const last = bars[bars.length - 1];
      assert.ok(last);
      close(axis.right - (last.x + last.width), margin, 'the space after the last bar equals the space before the first');
      assert.ok(bars.every((bar, index) => index === 0 || bar.x > (bars[index - 1]?.x ?? 0)), 'later days further right');
    });

    it('draws the single day of a one-day month in the middle of the axis, narrower than it', () => {
      const svg = svgOf(costChartSvg(month(1, () => 2.5), 'USD', labels).svg);
      const axis = axes(svg);
      const [bar] = barsOf(svg);
      assert.ok(bar);
      close(bar.x + bar.width / 2, (axis.left + axis.right) / 2, 'centre of the bar');
      assert.ok(bar.width > 0 && bar.width < axis.right - axis.left);
      close(bar.y, axis.top, 'the only day is the largest and reaches the top of the axis');
      close(bar.y + bar.height, axis.baseline, 'it stands on the x axis');
    });

    it('labels the y axis with the largest day at its top and zero at the baseline, right-aligned to its left', () => {
      const svg = svgOf(costChartSvg(month(3, (day) => [1, 12.5, 4][day - 1] ?? 0), 'EUR', labels).svg);
      const axis = axes(svg);
      const maxLabel = only(svg, 'text', 'axis-max');
      assert.equal(textOf(maxLabel), '12.50 EUR');
      const zeroLabel = byTag(svg, 'text').find((text) => textOf(text) === '0.00 EUR');
      assert.ok(zeroLabel, 'a zero label');
      for (const label of [maxLabel, zeroLabel]) {
        assert.equal(label.attrs['text-anchor'], 'end');
        assert.ok(num(label, 'x') < axis.left, `${textOf(label)} left of the axis`);
      }
      assert.equal(num(zeroLabel, 'x'), num(maxLabel, 'x'), 'one right-aligned column');
      assert.equal(num(zeroLabel, 'y'), axis.baseline);
      // The text baseline sits a little below the top of the axis, so the 11px figure is level with it.
      assert.ok(num(maxLabel, 'y') > axis.top && num(maxLabel, 'y') < axis.top + 11, String(num(maxLabel, 'y')));
    });

    /** The day-of-month labels under the x axis, with their x. */
    function dateLabels(svg: MarkupElement): { text: string; x: number }[] {
      const { baseline } = axes(svg);
      return byTag(svg, 'text')
        .filter((text) => num(text, 'y') > baseline)
        .map((text) => {
          assert.equal(text.attrs['text-anchor'], 'middle');
          return { text: textOf(text), x: num(text, 'x') };
        });
    }

    it('writes the day of the month under every bar of a short month, centred on it', () => {
      const svg = svgOf(costChartSvg(month(5, (day) => day), 'USD', labels).svg);
      const labelsDrawn = dateLabels(svg);
      assert.deepEqual(
        labelsDrawn.map((label) => label.text),
        ['01', '02', '03', '04', '05'],
      );
      for (const [index, bar] of barsOf(svg).entries()) close(labelsDrawn[index]?.x ?? Number.NaN, bar.x + bar.width / 2, `label ${String(index + 1)}`);
    });

    it('writes about ten evenly spaced day labels under a long month, always including its first and last day', () => {
      const svg = svgOf(costChartSvg(month(30, (day) => day), 'USD', labels).svg);
      const labelsDrawn = dateLabels(svg);
      assert.deepEqual(
        labelsDrawn.map((label) => label.text),
        ['01', '04', '07', '10', '13', '16', '19', '22', '25', '28', '30'],
      );
      const bars = barsOf(svg);
      const last = bars[29];
      assert.ok(last);
      close(labelsDrawn[labelsDrawn.length - 1]?.x ?? Number.NaN, last.x + last.width / 2, 'the last label under the last bar');
      close(labelsDrawn[3]?.x ?? Number.NaN, (bars[9]?.x ?? 0) + (bars[9]?.width ?? 0) / 2, 'day 10 under its bar');
    });

    it('says every day is zero only when it is, centred over the plot', () => {
      const withCost = svgOf(costChartSvg(month(4, (day) => (day === 2 ? 1 : 0)), 'USD', labels).svg);
      assert.deepEqual(byTag(withCost, 'text', 'message'), []);
      const zeros = svgOf(costChartSvg(month(4, () => 0), 'USD', labels).svg);
      const axis = axes(zeros);
      const message = only(zeros, 'text', 'message');
      assert.equal(textOf(message), 'No cost recorded on these days.');
      assert.equal(message.attrs['text-anchor'], 'middle');
      close(num(message, 'x'), (axis.left + axis.right) / 2, 'x');
      close(num(message, 'y'), (axis.top + axis.baseline) / 2, 'y');
    });

    it('keeps untrusted labels as plain text in the title, the legend and the messages', () => {
      const hostile = '</text></svg><script>alert(1)</script>"\'&';
      for (const days of [[], month(2, () => 0, 2)]) {
        const svg = svgOf(costChartSvg(days, 'USD', { title: hostile, billed: hostile, estimated: hostile, noData: hostile, allZero: hostile }).svg);
        assert.deepEqual(byTag(svg, 'script'), []);
        const texts = [...byTag(svg, 'title'), ...byTag(svg, 'text')].map(textOf).filter((text) => text.startsWith('</'));
        assert.deepEqual(texts, Array<string>(days.length === 0 ? 2 : 4).fill(hostile), 'title and message, or title, two legend entries and message');
      }
    });

    it('puts each legend label right of its swatch and the next entry clear of the label, above the plot', () => {
      for (const [billed, estimated] of [
        ['billed', 'estimated'],
        ['Billed by Cost Explorer', 'Estimated locally'],
      ] as const) {
        const svg = svgOf(costChartSvg(month(6, () => 1, 4), 'USD', { ...labels, billed, estimated }).svg);
        const swatches = byTag(svg, 'rect').filter((rect) => /^bar-(billed|estimated)$/.test(rect.attrs.class ?? ''));
        assert.deepEqual(
          swatches.map((rect) => rect.attrs.class),
          ['bar-billed', 'bar-estimated'],
        );
        const texts = swatches.map((swatch) => byTag(svg, 'text').find((text) => num(text, 'y') < CHART_LAYOUT.top && num(text, 'x') > num(swatch, 'x') && num(text, 'x') - num(swatch, 'x') < 30));
        assert.deepEqual(
          texts.map((text) => (text ? textOf(text) : undefined)),
          [billed, estimated],
        );
        const [billedSwatch, estimatedSwatch] = swatches as [MarkupElement, MarkupElement];
        const [billedText] = texts as [MarkupElement];
        assert.equal(num(billedSwatch, 'x'), CHART_LAYOUT.left, 'the legend starts over the y axis');
        assert.ok(num(billedText, 'x') >= num(billedSwatch, 'x') + num(billedSwatch, 'width'), 'label clear of its swatch');
        // At 11px a character is some 6 units wide; the next entry starts a visible gap after the label.
        const labelEnd = num(billedText, 'x') + billed.length * 6;
        assert.ok(num(estimatedSwatch, 'x') >= labelEnd + 8, `${billed}: next swatch at ${String(num(estimatedSwatch, 'x'))}, label ends near ${String(labelEnd)}`);
        assert.ok(swatches.every((swatch) => num(swatch, 'y') + num(swatch, 'height') <= CHART_LAYOUT.top));
      }
    });
  });
});
