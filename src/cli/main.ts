export async function main(argv: string[]): Promise<number> {
  process.stdout.write(`stz-lab ${argv.join(' ')}\n`);
  return 0;
}
