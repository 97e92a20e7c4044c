import assert from 'node:assert/strict';
import { CHART_LAYOUT, costChartSvg, type CostChartLabels, type CostDay } from '../../../src/core/cost/costChartSvg';
import { renderCostDetailsHtml, type CostDetailsPage } from '../../../src/core/cost/costDetailsHtml';

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
});
