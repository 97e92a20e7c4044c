import type { IamPolicyDocument, IamStatement } from '../permissionSetPolicy';

/**
 * Compares a permission set's inline policy with the one `admin policy` generates, by what
 * the statements grant rather than by their text: key order, a single string versus a
 * one-element list, and the order of actions and resources do not matter. A statement is
 * matched by its content, whatever its Sid.
 */
export interface PolicyComparison {
  /** Statements of the wanted policy the actual one lacks (or has with other content). */
  readonly missing: readonly IamStatement[];
  /** Statements of the actual policy that are not in the wanted one (the admin's own additions). */
  readonly extra: readonly unknown[];
}

export function comparePolicies(wanted: IamPolicyDocument, actual: unknown): PolicyComparison {
  const actualStatements = statementsOf(actual);
  const actualKeys = actualStatements.map(canonicalStatement);
  const wantedKeys = new Set(wanted.Statement.map(canonicalStatement));
  return {
    missing: wanted.Statement.filter((s) => !actualKeys.includes(canonicalStatement(s))),
    extra: actualStatements.filter((_, i) => !wantedKeys.has(actualKeys[i] ?? '')),
  };
}

/** The policy to put: the wanted statements, then the admin's own ones whose Sid does not clash. */
export function mergedPolicy(wanted: IamPolicyDocument, extra: readonly unknown[]): { Version: string; Statement: unknown[] } {
  const wantedSids = new Set(wanted.Statement.map((s) => s.Sid));
  const kept = extra.filter((s) => !wantedSids.has(sidOf(s) ?? ''));
  return { Version: wanted.Version, Statement: [...wanted.Statement, ...kept] };
}

export function sidOf(statement: unknown): string | undefined {
  const sid = (statement as { Sid?: unknown } | null)?.Sid;
  return typeof sid === 'string' ? sid : undefined;
}

function statementsOf(policy: unknown): unknown[] {
  const statement = (policy as { Statement?: unknown } | null)?.Statement;
  if (Array.isArray(statement)) return statement;
  return statement === undefined ? [] : [statement];
}

function canonicalStatement(statement: unknown): string {
  const { Sid: _sid, ...rest } = (statement ?? {}) as Record<string, unknown>;
  return JSON.stringify(canonical(rest));
}

function canonical(value: unknown): unknown {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return [...new Set(value)].sort();
    return value.map(canonical);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
