// Files that look like they hold secrets. Their content is never sent to the model unless the user allows
// it (devBackend.allowSecretFiles); names alone may be listed.

const SECRET_NAMES = new Set([
  '.env',
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.pgpass',
  '.htpasswd',
  '.git-credentials',
  '.dockercfg',
  'credentials',
  'credentials.json',
  'credentials.yml',
  'credentials.yaml',
  'secrets.json',
  'secrets.yml',
  'secrets.yaml',
  'secrets.toml',
  'terraform.tfstate',
  'terraform.tfstate.backup',
]);

const SECRET_EXTENSIONS = ['.pem', '.key', '.p12', '.pfx', '.jks', '.keystore', '.ppk', '.kdbx', '.tfvars', '.env'];
const SECRET_PREFIXES = ['.env.', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519'];
const SECRET_DIRECTORIES = new Set(['.ssh', '.gnupg', '.aws', '.docker']);

// Committed templates that by convention hold no secret values.
const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist', '.defaults'];

/** True when a workspace-relative path looks like a secret (case-insensitive). */
export function isSecretPath(path: string): boolean {
  const segments = path.toLowerCase().split('/');
  const name = segments[segments.length - 1] ?? '';
  if (segments.slice(0, -1).some((dir) => SECRET_DIRECTORIES.has(dir))) return true;
  if (TEMPLATE_SUFFIXES.some((suffix) => name.endsWith(suffix))) return false;
  if (SECRET_NAMES.has(name)) return true;
  if (SECRET_PREFIXES.some((prefix) => name.startsWith(prefix))) return true;
  return SECRET_EXTENSIONS.some((ext) => name.endsWith(ext) && name.length > ext.length);
}
