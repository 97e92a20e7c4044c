import fc from 'fast-check';

/**
 * Random `~/.aws/config` files built from the shapes real ones contain: every kind of
 * header (with odd spacing, quotes, comments), our keys and unknown ones, `:` and
 * `=`, inline comments, continuation blocks, blank and comment lines, invalid lines,
 * very long lines, unicode, tabs, CRLF/LF mixes, a BOM and a missing final newline.
 * Names come from a small pool that includes the ones the tests write, so collisions
 * with existing profiles and sessions (and duplicate sections) are frequent.
 */
export interface ConfigFileOptions {
  /** Also use a lone CR as a line ending (Python reads it as one; the JS SDK does not). */
  readonly loneCr?: boolean;
  /** Include `[DEFAULT]`, whose keys botocore copies into every section. */
  readonly defaultSection?: boolean;
  /** Include lines the AWS CLI refuses (before any header, without `=`). */
  readonly invalidLines?: boolean;
}

export const NAMES = ['dev', 'corp', 'prod', 'default', 'Dev', 'corp-2'];
const OUR_KEYS = ['sso_session', 'sso_account_id', 'sso_role_name', 'region', 'output', 'sso_start_url', 'sso_region', 'sso_registration_scopes'];

const name = fc.constantFrom(...NAMES);
const space = fc.constantFrom(' ', '  ', '\t', ' \t ');
const unicodeText = fc.string({ unit: fc.constantFrom('a', 'z', 'Q', '0', '-', '_', '.', '/', ':', '=', ' ', '\t', 'é', '中', '😀', 'ß', '\u00a0', '\u3000', '[', ']', '"', "'", '#', ';'), maxLength: 24 });
const safeValue = fc.string({ unit: fc.constantFrom('a', 'z', '0', '9', '-', '_', '.', '/', ':', 'é', '中', '😀'), minLength: 1, maxLength: 20 });

const header = fc.oneof(
  name.map((n) => (n === 'default' ? '[default]' : `[profile ${n}]`)),
  fc.tuple(name, space).map(([n, s]) => `[profile${s}${n}]`),
  fc.tuple(name, space).map(([n, s]) => `[profile ${n}${s}]`),
  name.map((n) => `[ profile ${n}]`),
  name.map((n) => `[profile "${n}"]`),
  name.map((n) => `[sso-session ${n}]`),
  fc.tuple(name, space).map(([n, s]) => `[sso-session${s}${n}]`),
  name.map((n) => `[services ${n}]`),
  fc.tuple(name, fc.constantFrom(' # note', ' ; x', '   #[x]')).map(([n, c]) => `[profile ${n}]${c}`),
  name.map((n) => `\t[sso-session ${n}]`),
  fc.constantFrom('[plugins]', '[preview]', '[default]', '[profile]', '[profile a b]', '[profile "unclosed]'),
);

const keyName = fc.oneof(fc.constantFrom(...OUR_KEYS), fc.constantFrom('Region', 'SSO_SESSION', 'aws_access_key_id', 'cli_pager', 'x-custom', 'ca_bundle', 'role_arn'));

const keyLine = fc.oneof(
  fc.tuple(keyName, safeValue).map(([k, v]) => `${k} = ${v}`),
  fc.tuple(keyName, safeValue).map(([k, v]) => `${k}=${v}`),
  fc.tuple(keyName, safeValue).map(([k, v]) => `${k}: ${v}`),
  fc.tuple(keyName, safeValue, fc.constantFrom(' # comment', ' ; c', '\t# é')).map(([k, v, c]) => `${k} = ${v}${c}`),
  fc.tuple(space, keyName, safeValue).map(([s, k, v]) => `${s}${k} = ${v}`),
  fc.tuple(keyName, unicodeText).map(([k, v]) => `${k} = ${v}`),
  fc.tuple(keyName, fc.string({ unit: fc.constantFrom('a', 'b', '中', ' '), minLength: 2000, maxLength: 6000 })).map(([k, v]) => `${k} = x${v}x`),
);

/** A key with an indented block under it, the way `s3 =` settings are written. */
const nestedBlock = fc
  .tuple(fc.constantFrom('s3', 'region', 'sso_session', 'custom'), fc.array(fc.tuple(space, safeValue), { minLength: 1, maxLength: 3 }))
  .map(([k, children]) => [`${k} =`, ...children.map(([s, v], i) => `${s}  key${i} = ${v}`)]);

const commentOrBlank = fc.oneof(
  fc.constantFrom('', ' ', '\t', '#', ';'),
  unicodeText.map((t) => `# ${t}`),
  unicodeText.map((t) => `; ${t}`),
  unicodeText.map((t) => `   # ${t}`),
);

const invalidLine = fc.constantFrom('garbage', 'no delimiter here', '= value without key');

function sectionBody(options: ConfigFileOptions): fc.Arbitrary<string[]> {
  const line = options.invalidLines === true ? fc.oneof(keyLine.map((l) => [l]), nestedBlock, commentOrBlank.map((l) => [l]), invalidLine.map((l) => [l])) : fc.oneof(keyLine.map((l) => [l]), nestedBlock, commentOrBlank.map((l) => [l]));
  return fc.array(line, { maxLength: 8 }).map((groups) => groups.flat());
}

export function configFileArbitrary(options: ConfigFileOptions = {}): fc.Arbitrary<string> {
  const headers = options.defaultSection === true ? fc.oneof({ weight: 12, arbitrary: header }, { weight: 1, arbitrary: fc.constant('[DEFAULT]') }) : header;
  const section = fc.tuple(headers, sectionBody(options)).map(([h, body]) => [h, ...body]);
  const preamble = options.invalidLines === true ? fc.array(fc.oneof(commentOrBlank, invalidLine), { maxLength: 2 }) : fc.array(commentOrBlank, { maxLength: 2 });
  const eol = options.loneCr === true ? fc.constantFrom('\n', '\r\n', '\r') : fc.constantFrom('\n', '\r\n');
  return fc
    .tuple(preamble, fc.array(section, { maxLength: 6 }), fc.boolean(), fc.boolean(), fc.oneof(eol.map((e) => [e]), fc.array(eol, { minLength: 1, maxLength: 64 })))
    .map(([pre, sections, bom, finalNewline, eols]) => {
      const lines = [...pre, ...sections.flat()];
      const text = lines.map((line, index) => line + (index === lines.length - 1 && !finalNewline ? '' : (eols[index % eols.length] ?? '\n'))).join('');
      return (bom ? '\ufeff' : '') + text;
    });
}
