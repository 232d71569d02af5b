// `dev-backend` command line: PRP planning and headless runs over src/core alone.
async function main(argv: string[]): Promise<number> {
  process.stderr.write(`usage: dev-backend plan <PRP.md> [--json]\n(got: ${argv.join(' ')})\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`dev-backend: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
