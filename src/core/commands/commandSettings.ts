// devBackend.commands.* as the user wrote them, validated. All are `machine`/`application` scope in package.json,
// so a repository cannot grant itself commands or network through its .vscode/settings.json.
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, type ApprovalMode, type CommandSettings } from './commandPolicy';

export const COMMAND_SETTING_DEFAULTS = Object.freeze({
  'commands.approval': 'sandboxed' as ApprovalMode,
  'commands.allowedDomains': [] as string[],
  'commands.timeoutSeconds': DEFAULT_TIMEOUT_SECONDS,
});

export type CommandSettingName = keyof typeof COMMAND_SETTING_DEFAULTS;

const APPROVALS: readonly ApprovalMode[] = ['sandboxed', 'ask', 'never'];
const DOMAIN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

export function validateCommandSettings(read: (name: CommandSettingName) => unknown): { settings: CommandSettings; problems: string[] } {
  const problems: string[] = [];
  const approvalRaw = read('commands.approval');
  let approval = COMMAND_SETTING_DEFAULTS['commands.approval'];
  if (typeof approvalRaw === 'string' && (APPROVALS as readonly string[]).includes(approvalRaw)) approval = approvalRaw as ApprovalMode;
  else if (approvalRaw !== undefined) problems.push(`devBackend.commands.approval must be one of ${APPROVALS.join(', ')}; using "${approval}".`);

  const domainsRaw = read('commands.allowedDomains');
  const allowedDomains: string[] = [];
  if (Array.isArray(domainsRaw)) {
    for (const item of domainsRaw as unknown[]) {
      if (typeof item === 'string' && DOMAIN.test(item.trim())) allowedDomains.push(item.trim().toLowerCase());
      else problems.push(`devBackend.commands.allowedDomains: ${JSON.stringify(item)} is not a domain name (e.g. "registry.npmjs.org" or "*.pypi.org"); left out.`);
    }
  } else if (domainsRaw !== undefined) problems.push('devBackend.commands.allowedDomains must be a list of domain names; using none.');

  const timeoutRaw = read('commands.timeoutSeconds');
  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  if (typeof timeoutRaw === 'number' && Number.isInteger(timeoutRaw) && timeoutRaw >= 1 && timeoutRaw <= MAX_TIMEOUT_SECONDS) timeoutSeconds = timeoutRaw;
  else if (timeoutRaw !== undefined) problems.push(`devBackend.commands.timeoutSeconds must be a whole number from 1 to ${MAX_TIMEOUT_SECONDS}; using ${DEFAULT_TIMEOUT_SECONDS}.`);

  return { settings: { approval, allowedDomains, timeoutSeconds, useSandbox: true }, problems };
}
