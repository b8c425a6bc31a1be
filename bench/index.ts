/** `npm run bench`: every benchmark in one run. Targets are reported, never enforced by tests. */
import { backend } from "hazmat/backends/openssl";
import * as asymmetric from "./asymmetric";
import * as kdfFernet from "./kdf-fernet";
import * as random from "./random";
import * as symmetric from "./symmetric";
import * as x509 from "./x509";

console.log(
  `hazmat benchmarks — ${backend.opensslVersionText()}, Node ${process.version} (${process.versions.openssl}), ${process.platform}-${process.arch}`,
);
const met = [random.run(), symmetric.run(), kdfFernet.run(), asymmetric.run()].every(Boolean);
void x509
  .run()
  .then((x509Met) =>
    console.log(met && x509Met ? "\nAll targets met." : "\nSome targets were NOT met (see above)."),
  );
