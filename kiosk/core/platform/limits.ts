/**
 * How much of a platform reply the kiosk is willing to hold. The largest API v1 reply is a
 * 36-month payment record, a few tens of KiB; anything near these limits is a fault or an
 * attack (a broken gateway, a proxy's error stream), and a terminal with 1-2 GiB of memory must
 * never buffer it whole.
 */

/**
 * Default cap on one reply's body (after any content decoding): 2 MiB is some fifty times the
 * largest genuine reply, so a province adapter's extra fields fit, and small enough that two
 * retries of an attack cost a terminal nothing it would notice.
 */
export const DEFAULT_MAX_REPLY_BYTES = 2 * 1024 * 1024;

/**
 * Smallest cap the config accepts: below 64 KiB a long payment record could be cut off, and a
 * value this small is most likely a unit mistake (KiB written as bytes).
 */
export const MAX_REPLY_BYTES_FLOOR = 64 * 1024;

/**
 * Largest cap the config accepts: 64 MiB per attempt is already a visible share of a small
 * terminal's memory, and no v1 reply comes within a thousandth of it.
 */
export const MAX_REPLY_BYTES_CEILING = 64 * 1024 * 1024;
