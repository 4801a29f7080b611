/** A random identifier (hex), from the platform's CSPRNG where there is one. */
export function randomId(bytes = 16): string {
  const values = new Uint8Array(bytes);
  const cryptoApi: Crypto | undefined = typeof crypto === 'undefined' ? undefined : crypto;
  if (cryptoApi?.getRandomValues) {
    cryptoApi.getRandomValues(values);
  } else {
    for (let i = 0; i < bytes; i += 1) values[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(values, (value) => value.toString(16).padStart(2, '0')).join('');
}
