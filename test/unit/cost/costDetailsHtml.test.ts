import assert from 'node:assert/strict';
import { costChartSvg, type CostChartLabels } from '../../../src/core/cost/costChartSvg';
import { renderCostDetailsHtml, type CostDetailsPage } from '../../../src/core/cost/costDetailsHtml';
import { byTag, only, parseMarkup, strayText, textOf, type MarkupElement } from './support/markup';

const labels: CostChartLabels = { title: 'Daily cost, 2026-03', billed: 'billed', estimated: 'estimated', noData: 'No cost data yet this month.', allZero: 'No cost recorded on these days.' };

function page(overrides: Partial<CostDetailsPage> = {}): CostDetailsPage {
  return {
    nonce: 'n0nce',
    cspSource: 'vscode-webview://abc',
    heading: 'Claude Code cost, March 2026',
    figure: '$42.17',
    sourceLabel: 'billed + estimate',
    facts: ['Billed: $40.00 through 2026-03-05', 'Estimated: $2.17 since 2026-03-06', 'Computed at 2026-03-07T10:00:00Z'],
    reason: 'Cost Explorer lags a day behind.',
    chart: costChartSvg(
      [
        { date: '2026-03-05', amount: 40, source: 'billed' },
        { date: '2026-03-06', amount: 2.17, source: 'estimated' },
      ],
      'USD',
      labels,
    ),
    table: {
      caption: 'Daily cost',
      headers: ['Day', 'Amount', 'Source'],
      rows: [
        ['2026-03-05', '$40.00', 'billed'],
        ['2026-03-06', '$2.17', 'estimated', 'provisional'],
      ],
    },
    actions: [
      { label: 'Refresh', command: 'bedrockOnboarding.refreshCost' },
      { label: 'Open settings', command: 'bedrockOnboarding.openCostSettings' },
    ],
    ...overrides,
  };
}

function bodyOf(html: string): MarkupElement {
  return only(parseMarkup(html), 'body');
}

describe('cost: Cost Details page as HTML (VS Code-free)', () => {
  it('shows the heading, figure, source, facts in order, the reason, the chart, the table and the actions', () => {
    const chart = page().chart;
    const body = bodyOf(renderCostDetailsHtml(page()));
    assert.equal(textOf(only(body, 'h1')), 'Claude Code cost, March 2026');
    assert.equal(textOf(only(body, 'p', 'figure')), '$42.17');
    assert.equal(textOf(only(body, 'p', 'source')), 'billed + estimate');
    assert.deepEqual(
      byTag(only(body, 'ul', 'facts'), 'li').map(textOf),
      ['Billed: $40.00 through 2026-03-05', 'Estimated: $2.17 since 2026-03-06', 'Computed at 2026-03-07T10:00:00Z'],
    );
    assert.equal(textOf(only(body, 'p', 'reason')), 'Cost Explorer lags a day behind.');
    const figure = only(body, 'figure');
    const svg = only(figure, 'svg', 'cost-chart');
    const name = byTag(svg, 'title').find((title) => title.attrs.id === svg.attrs['aria-labelledby']);
    assert.equal(name ? textOf(name) : undefined, labels.title, 'the chart is embedded as it was drawn');
    assert.equal(byTag(figure, 'rect', 'bar').length, chart.bars.length);
    assert.deepEqual(strayText(body), [], 'no text between elements (rows, list items, links)');
  });

  it('lays the table out as a caption, column headers and one row per day, with the amount in its own column', () => {
    const table = only(bodyOf(renderCostDetailsHtml(page())), 'table');
    assert.equal(textOf(only(table, 'caption')), 'Daily cost');
    const headers = byTag(only(table, 'thead'), 'th');
    assert.deepEqual(headers.map(textOf), ['Day', 'Amount', 'Source']);
    assert.ok(headers.every((header) => header.attrs.scope === 'col'));
    const rows = byTag(only(table, 'tbody'), 'tr').map((row) => byTag(row, 'td'));
    assert.deepEqual(
      rows.map((cells) => cells.map(textOf)),
      [
        ['2026-03-05', '$40.00', 'billed'],
        ['2026-03-06', '$2.17', 'estimated', 'provisional'],
      ],
    );
    assert.deepEqual(
      rows.map((cells) => cells.map((cell) => cell.attrs.class ?? '')),
      [
        ['', 'amount', ''],
        ['', 'amount', '', ''],
      ],
      'only the amount column is right-aligned figures',
    );
  });

  it('offers each action as a command link, separated by a middle dot', () => {
    const actions = only(bodyOf(renderCostDetailsHtml(page())), 'p', 'actions');
    assert.deepEqual(
      byTag(actions, 'a').map((link) => [link.attrs.href, textOf(link)]),
      [
        ['command:bedrockOnboarding.refreshCost', 'Refresh'],
        ['command:bedrockOnboarding.openCostSettings', 'Open settings'],
      ],
    );
    assert.equal(textOf(actions), 'Refresh · Open settings');
  });

  it('leaves out the reason and the budget bar when there is neither, without leaving text in their place', () => {
    const body = bodyOf(renderCostDetailsHtml(page({ reason: undefined, facts: [], actions: [], table: { caption: 'Daily cost', headers: [], rows: [] } })));
    assert.deepEqual(byTag(body, 'p', 'reason'), []);
    assert.deepEqual(byTag(body, 'svg', 'budget'), []);
    assert.deepEqual(byTag(body, 'li'), []);
    assert.deepEqual(strayText(body), []);
  });

  it('styles the chart it embeds: estimated bars are filled with the hatch pattern the chart defines', () => {
    const root = parseMarkup(renderCostDetailsHtml(page()));
    const style = only(root, 'style');
    assert.equal(style.attrs.nonce, 'n0nce', 'the stylesheet is allowed by the page policy');
    const css = textOf(style);
    const estimated = /\.cost-chart \.bar-estimated \{[^}]*fill: url\(#([\w-]+)\)/.exec(css);
    assert.ok(estimated, 'a fill for estimated bars');
    assert.deepEqual(
      byTag(only(root, 'figure'), 'pattern').map((pattern) => pattern.attrs.id),
      [estimated[1]],
    );
    assert.match(css, /\.cost-chart \.bar-billed \{[^}]*fill: var\(--vscode-charts-blue\)/);
  });

  describe('budget bar', () => {
    function budget(used: number): { width: number; level: string } {
      const svg = only(bodyOf(renderCostDetailsHtml(page({ budgetUsed: used }))), 'svg', 'budget');
      assert.equal(svg.attrs['aria-hidden'], 'true', 'decorative: a fact says the same in words');
      assert.equal(only(svg, 'rect', 'track').attrs.width, '100');
      const fill = only(svg, 'rect', 'used');
      const level = (fill.attrs.class ?? '').split(' ').filter((name) => name !== 'used');
      return { width: Number(fill.attrs.width), level: level.join(' ') };
    }

    it('fills the share of the budget used, to a tenth of a percent', () => {
      assert.deepEqual(budget(0.5), { width: 50, level: '' });
      assert.deepEqual(budget(0.1234), { width: 12.3, level: '' });
      assert.deepEqual(budget(0), { width: 0, level: '' });
    });

    it('turns to a warning from 80 % and to an error from the whole budget', () => {
      assert.deepEqual(budget(0.79), { width: 79, level: '' });
      assert.deepEqual(budget(0.8), { width: 80, level: 'warning' });
      assert.deepEqual(budget(0.99), { width: 99, level: 'warning' });
      assert.deepEqual(budget(1), { width: 100, level: 'error' });
    });

    it('stays within its track when the figure is over budget, negative or not a number', () => {
      assert.deepEqual(budget(1.5), { width: 100, level: 'error' });
      assert.deepEqual(budget(-0.2), { width: 0, level: '' });
      assert.deepEqual(budget(Number.NaN), { width: 0, level: '' });
    });
  });

  it('keeps every untrusted string as text in its place', () => {
    const hostile = '</td></tr></table><script>alert(1)</script>"\'&';
    const body = bodyOf(
      renderCostDetailsHtml(
        page({
          heading: hostile,
          figure: hostile,
          sourceLabel: hostile,
          facts: [hostile],
          reason: hostile,
          table: { caption: hostile, headers: [hostile], rows: [[hostile, hostile, hostile]] },
          actions: [{ label: hostile, command: 'bedrockOnboarding.refreshCost' }],
        }),
      ),
    );
    assert.deepEqual(byTag(body, 'script'), []);
    const places = [only(body, 'h1'), only(body, 'p', 'figure'), only(body, 'p', 'source'), only(body, 'li'), only(body, 'p', 'reason'), only(body, 'caption'), only(body, 'th'), ...byTag(body, 'td'), only(body, 'a')];
    assert.deepEqual(places.map(textOf), Array<string>(11).fill(hostile));
  });
});
