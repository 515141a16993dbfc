import { DeviceError } from '../../../drivers/device/errors.ts';
import { IdCardReader } from '../../../drivers/id-card/index.ts';
import type { CardType, Gender, IdCardRecord } from '../../../drivers/id-card/index.ts';
import { silentLogger } from '../../core/log.ts';
import { maskIdNumber } from '../../core/privacy/mask.ts';
import {
  EXIT,
  baudOption,
  openPort,
  parseOptions,
  requirePort,
  timeoutOption,
  type CommandIo,
} from './device-args.ts';

/**
 * The card as `kiosk24 device read-id` prints it. Every key is always present, in this order;
 * a field the card type does not carry is `null` (a resident card has no `passNumber`, a
 * foreigner's card no `address`), and so is a name field left empty on the card. The one
 * exception is `idNumber`: the key exists only with `--reveal`, so a tool cannot print the
 * full number by mistake. Photo and fingerprint are never printed.
 */
export interface CardJson {
  cardType: CardType;
  name: string | null;
  nameEn: string | null;
  gender: Gender;
  /** Nation name (`汉`), or the GB 3304 code when the name is unknown; resident card only. */
  nation: string | null;
  /** `YYYY-MM-DD` */
  birthDate: string;
  address: string | null;
  /** First 6 and last 4 characters visible. */
  idNumberMasked: string;
  idNumber?: string;
  /** GB 11643 check character; `null` on 2017 foreigner's cards, whose numbers carry none. */
  checkDigitValid: boolean | null;
  issuer: string | null;
  validFrom: string;
  /** `YYYY-MM-DD` or `long-term`. */
  validTo: string;
  passNumber: string | null;
  issueCount: string | null;
  nationality: string | null;
}

/** Shapes a card read for printing; the full ID number is included only when `reveal`. */
function cardJson(card: IdCardRecord, reveal: boolean): CardJson {
  const orNull = (value: string | undefined): string | null =>
    value === undefined || value === '' ? null : value;
  const idNumber = reveal ? { idNumber: card.idNumber } : {};
  return {
    cardType: card.cardType,
    name: orNull(card.name),
    nameEn: orNull(card.nameEn),
    gender: card.gender,
    nation: orNull(card.nation ?? card.nationCode),
    birthDate: card.birthDate,
    address: orNull(card.address),
    idNumberMasked: maskIdNumber(card.idNumber),
    ...idNumber,
    checkDigitValid: card.checkDigitValid,
    issuer: orNull(card.issuer),
    validFrom: card.validFrom,
    validTo: card.validTo,
    passNumber: orNull(card.passNumber),
    issueCount: orNull(card.issueCount),
    nationality: orNull(card.nationality),
  };
}

/**
 * `kiosk24 device read-id`: opens the reader, checks it passes its self-test, waits for one
 * card and prints it. Exit 0 on a read, 2 when no card came in time, 1 on a device error
 * (the message names the SW3 status). Nothing personal is logged; the reader's log is silent.
 */
export async function readIdCommand(args: string[], io: CommandIo): Promise<number> {
  const options = parseOptions(args, {
    port: { type: 'string' },
    baud: { type: 'string' },
    timeout: { type: 'string' },
    reveal: { type: 'boolean' },
  });
  const path = requirePort(options.port);
  const baudRate = baudOption(options.baud, 115200);
  const timeoutMs = timeoutOption(options.timeout, 30);
  const fail = (line: string): number => {
    io.err(`kiosk24 device read-id: ${line}`);
    return EXIT.deviceError;
  };

  const transport = await openPort('read-id', path, baudRate, io);
  if (!transport) return EXIT.deviceError;
  const reader = new IdCardReader(transport, { logger: silentLogger });
  try {
    const state = await reader.open();
    if (state.status !== 'online') {
      return fail(`the reader on ${path} is ${state.status}: ${state.detail}`);
    }
    const card = await reader.readCard({ timeoutMs, acceptSameCard: true });
    io.out(JSON.stringify(cardJson(card, options.reveal ?? false), null, 2));
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof DeviceError)) throw error;
    // A command that went unanswered is a reader fault (it marks the reader offline); only
    // the overall deadline running out with the reader answering means "no card".
    if (error.timeout && reader.state().status !== 'offline') {
      io.err(
        `kiosk24 device read-id: no card was read within ${timeoutMs / 1000} s on ${path}; place the card flat on the reader and try again`,
      );
      return EXIT.timeoutOrUsage;
    }
    return fail(error.message);
  } finally {
    await reader.close();
  }
}
