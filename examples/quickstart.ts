/**
 * Quickstart: which OpenSSL hazmat carries, and the OS random engine that feeds it.
 * Run with `npm start`.
 */
import { backend } from "hazmat/backends/openssl";
import { randomBytes } from "hazmat/random";

const hex = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;

console.log(`backend.name                    ${backend.name}`);
console.log(`hazmat's OpenSSL                ${backend.opensslVersionText()}`);
console.log(`  version number                ${hex(backend.opensslVersionNumber())}`);
console.log(`Node's own OpenSSL              ${process.versions.openssl}`);
console.log(`OS random engine active         ${backend.osrandomEngineActive()}`);
console.log(`OS random source                ${backend.osrandomEngineImplementation()}`);
console.log(`16 bytes through the engine     ${randomBytes(16).toString("hex")}`);

backend.activateBuiltinRandom();
console.log(`16 bytes from OpenSSL's DRBG    ${randomBytes(16).toString("hex")}`);
backend.activateOsrandomEngine();
console.log(`engine active again             ${backend.osrandomEngineActive()}`);
