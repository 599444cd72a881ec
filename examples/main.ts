import { runEmbeddedAuction } from './embedded-auction';

runEmbeddedAuction().catch((err) => {
  console.error(err);
  process.exit(1);
});
