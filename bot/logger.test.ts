import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('logger', () => {
  it('never writes card numbers, SSNs, phones, emails or secrets', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    logger.info(
      { text: 'card 4111 1111 1111 1111, ssn 123-45-6789, +16175550123, jane@example.com', headers: { authorization: 'Bearer abc.def' } },
      'inbound from +16175550123',
    );
    const written = lines.join('');
    for (const secret of ['4111 1111 1111 1111', '123-45-6789', '6175550123', 'jane@example.com', 'abc.def']) {
      expect(written).not.toContain(secret);
    }
    expect(written).toContain('[card ••••1111]');
  });
});
