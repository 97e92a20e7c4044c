import assert from 'node:assert/strict';
import { formatCacheTimestamp, parseCacheTimestamp } from '../../../src/core/ssoCache/cacheTimestamp';

function iso(text: string): string | undefined {
  return parseCacheTimestamp(text)?.toISOString();
}

describe('SSO cache timestamps', function () {
  it('are written as the AWS CLI writes them: UTC, seconds, a Z', function () {
    assert.equal(formatCacheTimestamp(new Date('2026-12-05T02:34:13.987Z')), '2026-12-05T02:34:13Z');
  });

  it('read the forms the CLI, the SDKs and older tools write, as the same instant', function () {
    assert.equal(iso('2026-12-05T02:34:13Z'), '2026-12-05T02:34:13.000Z');
    assert.equal(iso('2026-12-05T02:34:13UTC'), '2026-12-05T02:34:13.000Z');
    assert.equal(iso('2026-12-05T02:34:13.5Z'), '2026-12-05T02:34:13.500Z');
    assert.equal(iso('2026-12-05T02:34:13.042Z'), '2026-12-05T02:34:13.042Z');
    assert.equal(iso('2026-12-05T02:34:13.123456789Z'), '2026-12-05T02:34:13.123Z');
    assert.equal(iso('2026-12-05T02:34:13+00:00'), '2026-12-05T02:34:13.000Z');
    assert.equal(iso('2026-12-05T08:04:13+05:30'), '2026-12-05T02:34:13.000Z');
    assert.equal(iso('2026-12-05T08:04:13.250+0530'), '2026-12-05T02:34:13.250Z');
    assert.equal(iso('2026-12-04T18:34:13-08:00'), '2026-12-05T02:34:13.000Z');
    assert.equal(iso('2026-12-04T23:04:13-0330'), '2026-12-05T02:34:13.000Z');
  });

  it('ignore white space around the value', function () {
    assert.equal(iso('  2026-12-05T02:34:13Z\n'), '2026-12-05T02:34:13.000Z');
  });

  it('refuse anything else rather than guess', function () {
    for (const text of [
      '',
      'soon',
      'x2026-12-05T02:34:13Z',
      '2026-12-05T02:34:13Zx',
      '2026-12-05T02:34:13',
      '2026-12-05 02:34:13Z',
      '2026-12-05T02:34:13.Z',
      '2026-12-05T02:34:13.1234567890Z',
      '2026-12-05T02:34:13.12aZ',
      '2026-12-05T02:34:13*05:30',
      '2026-12-05T02:34:13+5:30',
      '2026-12-05T02:34:13+05:3',
      '2026-12-05T02:34:13+0a:30',
      '2026-12-05T02:34:13+05:a0',
      '2026-12-05T02:34:13+05-30',
      '2026-13-05T02:34:13Z',
      '2026-02-30T02:34:13Z',
      '2026-12-05T24:34:13Z',
    ]) {
      assert.equal(parseCacheTimestamp(text), undefined, text);
    }
  });

  it('round-trip what they write', function () {
    const date = new Date('2031-01-31T23:59:59.000Z');
    assert.equal(parseCacheTimestamp(formatCacheTimestamp(date))?.getTime(), date.getTime());
  });
});
