// Secret values inside ordinary files: private-key blocks and the well-known key formats. Everything read
// to the model passes through `redactSecrets` (unless the user allows secrets), so a key committed in a
// config file reaches the model as a placeholder. Every pattern is linear: no nested quantifiers.

export interface Redaction {
  text: string;
  /** What was hidden, once per kind, e.g. "an AWS access key". */
  kinds: string[];
}

interface SecretPattern {
  kind: string;
  pattern: RegExp;
  /** Group that holds the secret (the rest of the match is kept); 0 = all. */
  group?: number;
}

const PATTERNS: readonly SecretPattern[] = [
  { kind: 'Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: 'OpenAI API key', pattern: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}/g },
  { kind: 'OpenAI API key', pattern: /\bsk-[A-Za-z0-9]{48}\b/g },
  { kind: 'AWS access key', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  {
    kind: 'AWS secret access key',
    pattern: /(aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?)([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 2,
  },
  { kind: 'GitHub token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b/g },
  { kind: 'GitHub token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/g },
  { kind: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'Slack webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,}/g },
  { kind: 'Stripe secret key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { kind: 'Stripe webhook secret', pattern: /\bwhsec_[A-Za-z0-9+/=]{24,}/g },
  { kind: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'PyPI token', pattern: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  // A signed JWT: header and payload are base64url JSON objects ("eyJ" is '{"').
  { kind: 'JWT', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g },
];

const KEY_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/g;
const KEY_END = '-----END ';

/** The placeholder a secret is replaced with. */
export function secretPlaceholder(kind: string): string {
  return `[REDACTED SECRET: ${kind}]`;
}

/** Matches a placeholder, so a model that copies one into a file can be stopped. */
export const SECRET_PLACEHOLDER = /\[REDACTED SECRET: [^\]\n]{1,60}\]/;

/** The text with every secret value replaced by a placeholder; line breaks are kept, so line numbers hold. */
export function redactSecrets(text: string): Redaction {
  const kinds = new Set<string>();
  let out = redactKeyBlocks(text, kinds);
  for (const { kind, pattern, group } of PATTERNS) {
    out = out.replace(pattern, (match: string, ...groups: unknown[]) => {
      kinds.add(kind);
      if (!group) return secretPlaceholder(kind);
      const secret = typeof groups[group - 1] === 'string' ? (groups[group - 1] as string) : '';
      return match.slice(0, match.length - secret.length) + secretPlaceholder(kind);
    });
  }
  return { text: out, kinds: [...kinds] };
}

/** True when the text holds something `redactSecrets` would hide. */
export function containsSecret(text: string): boolean {
  return redactSecrets(text).kinds.length > 0;
}

/** PEM private keys: the BEGIN and END lines stay, the body becomes one placeholder and blank lines. */
function redactKeyBlocks(text: string, kinds: Set<string>): string {
  let out = '';
  let from = 0;
  KEY_BEGIN.lastIndex = 0;
  for (let begin = KEY_BEGIN.exec(text); begin; begin = KEY_BEGIN.exec(text)) {
    const bodyStart = begin.index + begin[0].length;
    const endAt = text.indexOf(KEY_END, bodyStart);
    const bodyEnd = endAt === -1 ? text.length : endAt;
    const body = text.slice(bodyStart, bodyEnd);
    const newlines = body.split('\n').length - 1;
    const kind = 'private key';
    kinds.add(kind);
    const placeholder = newlines > 0 ? `\n${secretPlaceholder(kind)}${'\n'.repeat(newlines - 1)}` : secretPlaceholder(kind);
    out += text.slice(from, bodyStart) + placeholder;
    from = bodyEnd;
    KEY_BEGIN.lastIndex = bodyEnd;
  }
  return out + text.slice(from);
}

/** The note the model gets with redacted text. */
export function redactionNote(kinds: readonly string[]): string {
  return (
    `[Secret values in this output (${kinds.join(', ')}) are shown as [REDACTED SECRET: ...]; they are not shared with you. ` +
    'Never write a placeholder into a file: change the lines around it with edit_file, and ask the user to set real values.]'
  );
}
