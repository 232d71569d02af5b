// The environment a command gets: the extension's own, minus anything that looks like a credential (the
// Anthropic key above all), so a command cannot print it back to the model.
const SECRET_NAME = /(^ANTHROPIC_|API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|^AWS_|^GOOGLE_APPLICATION)/i;

export function commandEnv(base: NodeJS.ProcessEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (value !== undefined && !SECRET_NAME.test(name)) env[name] = value;
  }
  return { ...env, ...extra, NO_COLOR: '1', FORCE_COLOR: '0', CI: env.CI ?? '1' };
}

/** The secrets a command's output must never show: the values of the variables `commandEnv` removed. */
export function secretValues(base: NodeJS.ProcessEnv): string[] {
  return Object.entries(base)
    .filter(([name, value]) => value !== undefined && value.length >= 8 && SECRET_NAME.test(name))
    .map(([, value]) => value as string);
}
