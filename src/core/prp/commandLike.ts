// Whether a back-ticked span reads as a shell command (`npx vitest run`) rather than code or a path.

const TOOLS = new Set(
  ('npm npx yarn pnpm bun bunx deno node tsx ts-node python python3 py pytest uv uvx pip pip3 poetry pipenv tox nox ruff mypy ' +
    'pyright black flake8 pylint isort go gofmt golangci-lint cargo rustc rustfmt make cmake docker docker-compose podman ' +
    'kubectl helm curl wget http httpie tsc eslint prettier biome jest vitest mocha playwright cypress dotnet mvn gradle ' +
    'gradlew bundle rake rails rspec rubocop php composer phpunit artisan mix elixir swift xcodebuild flutter dart ' +
    'terraform ansible git bash sh zsh psql mysql sqlite3 redis-cli alembic django-admin java javac sbt lein stack cabal ' +
    'ghc zig bazel just hatch pdm conda coverage bandit semgrep hadolint shellcheck k6 wrk newman turbo nx vite webpack ' +
    'esbuild rollup sqlx diesel prisma drizzle-kit knex sequelize flyway liquibase migrate sam serverless wrangler')
    .split(/\s+/),
);

export function isCommandLike(span: string): boolean {
  const text = span.trim();
  if (text === '' || text.length > 400) return false;
  if (text.startsWith('./') || text.startsWith('bin/') || text.startsWith('scripts/')) return /\s|\.sh$|\.py$/.test(text) || !text.includes('.');
  const first = text.split(/\s+/)[0].replace(/^\$\s*/, '');
  return TOOLS.has(first) || TOOLS.has(first.split('/').pop() ?? '');
}
