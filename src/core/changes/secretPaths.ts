// Files that look like they hold secrets. Their content is never sent to the model unless the user allows
// it (devBackend.allowSecretFiles); names alone may be listed. Secret values inside other files are
// caught by their content (secretContent.ts).

const SECRET_NAMES = new Set([
  '.env',
  '.envrc',
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.pgpass',
  '.my.cnf',
  '.htpasswd',
  '.git-credentials',
  '.dockercfg',
  '.vault-token',
  '.s3cfg',
  '.boto',
  '.terraformrc',
  'terraform.rc',
  'kubeconfig',
  'credentials',
  'credentials.json',
  'credentials.yml',
  'credentials.yaml',
  'credentials.toml',
  'credentials.tfrc.json',
  'application_default_credentials.json',
  'secrets.json',
  'secrets.yml',
  'secrets.yaml',
  'secrets.toml',
  'terraform.tfstate',
  'terraform.tfstate.backup',
]);

const SECRET_EXTENSIONS = ['.pem', '.key', '.p8', '.p12', '.pfx', '.jks', '.keystore', '.ppk', '.kdbx', '.tfvars', '.env'];
const SECRET_PREFIXES = ['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'service-account', 'service_account', 'serviceaccount'];
/** `.env` followed by a separator or a backup mark: `.env.local`, `.env-production`, `.env_local`, `.env~`. */
const ENV_VARIANT = /^\.env[._~-]/;
const SECRET_DIRECTORIES = new Set(['.ssh', '.gnupg', '.aws', '.docker', '.kube', '.azure', '.gcloud', '.vault']);
/** Files that are secrets only in their tool's folder (`.config/gh/hosts.yml`, `.composer/auth.json`). */
const SECRET_IN_DIRECTORY: readonly [string, string][] = [
  ['gh', 'hosts.yml'],
  ['gh', 'hosts.yaml'],
  ['.composer', 'auth.json'],
  ['composer', 'auth.json'],
  ['.cargo', 'credentials.toml'],
  ['.gem', 'credentials'],
  ['gcloud', 'credentials.db'],
  ['gcloud', 'access_tokens.db'],
];

// Committed templates that by convention hold no secret values.
const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist', '.defaults'];

/** True when a workspace-relative path looks like a secret (case-insensitive). */
export function isSecretPath(path: string): boolean {
  const segments = path.toLowerCase().split('/');
  const name = segments[segments.length - 1] ?? '';
  const parent = segments[segments.length - 2];
  if (segments.slice(0, -1).some((dir) => SECRET_DIRECTORIES.has(dir))) return true;
  if (TEMPLATE_SUFFIXES.some((suffix) => name.endsWith(suffix))) return false;
  if (SECRET_NAMES.has(name) || ENV_VARIANT.test(name)) return true;
  // Composer reads a project's auth.json from its root.
  if (name === 'auth.json' && segments.length === 1) return true;
  if (SECRET_IN_DIRECTORY.some(([dir, file]) => parent === dir && name === file)) return true;
  if (SECRET_PREFIXES.some((prefix) => name.startsWith(prefix))) return true;
  return SECRET_EXTENSIONS.some((ext) => name.endsWith(ext) && name.length > ext.length);
}
