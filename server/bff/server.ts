/** Runs the BFF: configuration from the environment, listen, and a graceful stop on SIGINT / SIGTERM. */
import closeWithGrace from 'close-with-grace';
import { buildBff } from './build';
import { ConfigError, loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const bff = await buildBff(config);
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) bff.log.error({ err }, 'stopping after an error');
    else bff.log.info({ signal }, 'stopping');
    await bff.close();
  });
  await bff.listen({ host: config.host, port: config.port });
}

main().catch((err: unknown) => {
  process.stderr.write(`BFF: ${err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
