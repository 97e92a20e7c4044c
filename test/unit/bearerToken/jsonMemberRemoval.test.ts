import assert from 'node:assert/strict';
import fc from 'fast-check';
import { removeJsonMember } from '../../../src/core/bearerToken/jsonMemberRemoval';

const V = 'AWS_BEARER_TOKEN_BEDROCK';

describe('removeJsonMember', function () {
  const cases: readonly [string, string, readonly string[], string][] = [
    ['middle member on its own line', '{\n  "env": {\n    "A": "1",\n    "V": "x",\n    "B": "2"\n  }\n}\n', ['env', 'V'], '{\n  "env": {\n    "A": "1",\n    "B": "2"\n  }\n}\n'],
    ['first member', '{\n  "env": {\n    "V": "x",\n    "B": "2"\n  }\n}', ['env', 'V'], '{\n  "env": {\n    "B": "2"\n  }\n}'],
    ['last member', '{\n  "env": {\n    "A": "1",\n    "V": "x"\n  }\n}', ['env', 'V'], '{\n  "env": {\n    "A": "1"\n  }\n}'],
    ['only member', '{\n  "env": {\n    "V": "x"\n  },\n  "k": 1\n}', ['env', 'V'], '{\n  "env": {},\n  "k": 1\n}'],
    ['compact, middle', '{"env":{"A":"1","V":"x","B":"2"}}', ['env', 'V'], '{"env":{"A":"1","B":"2"}}'],
    ['compact, last, with spaces', '{ "env": { "A": "1", "V": "x" } }', ['env', 'V'], '{ "env": { "A": "1" } }'],
    ['compact, only', '{"env":{"V":"x"},"x":1}', ['env', 'V'], '{"env":{},"x":1}'],
    ['trailing comma', '{\n  "env": {\n    "A": "1",\n    "V": "x",\n  }\n}', ['env', 'V'], '{\n  "env": {\n    "A": "1",\n  }\n}'],
    ['comments kept', '{\n  "env": {\n    // region\n    "A": "1", // why\n    "V": "x"\n    /* end */\n  }\n}', ['env', 'V'], '{\n  "env": {\n    // region\n    "A": "1" // why\n    /* end */\n  }\n}'],
    ['comment-only object not collapsed', '{\n  "env": {\n    // keep me\n    "V": "x"\n  }\n}', ['env', 'V'], '{\n  "env": {\n    // keep me\n  }\n}'],
    ['CRLF', '{\r\n  "env": {\r\n    "A": "1",\r\n    "V": "x"\r\n  }\r\n}\r\n', ['env', 'V'], '{\r\n  "env": {\r\n    "A": "1"\r\n  }\r\n}\r\n'],
    ['dotted key', '{\n\t"terminal.integrated.env.linux": {\n\t\t"V": "x"\n\t}\n}', ['terminal.integrated.env.linux', 'V'], '{\n\t"terminal.integrated.env.linux": {}\n}'],
    // A line shared with another member is not "its own line": only the member and its comma go.
    ['shares its line with the next member', '{\n  "env": {\n    "V": "x", "A": "1"\n  }\n}', ['env', 'V'], '{\n  "env": {\n    "A": "1"\n  }\n}'],
    ['shares its line with the previous member', '{\n  "env": {\n    "A": "1", "V": "x"\n  }\n}', ['env', 'V'], '{\n  "env": {\n    "A": "1"\n  }\n}'],
    ['closing brace on the same line', '{\n  "A": "1",\n  "V": "x" }', ['V'], '{\n  "A": "1"\n }'],
    ['closing brace right after, no line break at the end', '{"A":"1",\n"V":"x"}', ['V'], '{"A":"1"\n}'],
    ['comma on the next line', '{\n  "env": {\n    "V": "x"\n,\n    "B": "2"\n  }\n}', ['env', 'V'], '{\n  "env": {\n    "B": "2"\n  }\n}'],
    ['space before the comma', '{\n  "env": {\n    "V": "x" ,\n    "B": "2"\n  }\n}', ['env', 'V'], '{\n  "env": {\n    "B": "2"\n  }\n}'],
    ['comment before the comma goes with the member, its line stays', '{\n  "env": {\n    "V": "x" /* c */,\n    "B": "2"\n  }\n}', ['env', 'V'], '{\n  "env": {\n    \n    "B": "2"\n  }\n}'],
    ['compact, spaces around the comma', '{"env":{"V": "x" , "B": "2"}}', ['env', 'V'], '{"env":{"B": "2"}}'],
    ['compact, tab and space after the comma', '{"env":{"V":"x",\t "A":"1"}}', ['env', 'V'], '{"env":{"A":"1"}}'],
    ['compact, tab before the last member', '{"env":{"A":"1",\t"V":"x"}}', ['env', 'V'], '{"env":{"A":"1"}}'],
    ['compact, only member after a comment', '{"env":{ /*c*/ "V": "x"}}', ['env', 'V'], '{"env":{ /*c*/ }}'],
    // Unterminated text (the parser is tolerant): no brace is invented, nothing else is lost.
    ['unterminated, last member on its own line', '{"env":{"A":"1",\n"V":"x"', ['env', 'V'], '{"env":{"A":"1"\n'],
    ['unterminated, only member', '{"env":{"V":"x"', ['env', 'V'], '{"env":{'],
    ['absent member: unchanged', '{"env":{"A":"1"}}', ['env', 'V'], '{"env":{"A":"1"}}'],
  ];
  for (const [name, before, jsonPath, after] of cases) {
    it(name, function () {
      assert.equal(removeJsonMember(before, jsonPath), after);
    });
  }

  it('(property) gives exactly JSON.stringify of the object without the key, pretty or compact', function () {
    const key = fc.string({ minLength: 1, maxLength: 8 }).filter((text) => text !== V && text !== '__proto__');
    const value = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(
        fc.dictionary(key, value, { maxKeys: 5 }),
        fc.dictionary(key, value, { maxKeys: 5 }),
        fc.nat(5),
        fc.constantFrom<number | string | undefined>(undefined, 2, 4, '\t'),
        (env, rest, position, indent) => {
          const entries = Object.entries(env);
          entries.splice(Math.min(position, entries.length), 0, [V, 'secret']);
          const withKey = { ...rest, env: Object.fromEntries(entries) };
          const without = { ...rest, env };
          assert.equal(removeJsonMember(JSON.stringify(withKey, null, indent), ['env', V]), JSON.stringify(without, null, indent));
        },
      ),
      { numRuns: 200 },
    );
  });
});
