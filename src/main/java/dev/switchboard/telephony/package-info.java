/**
 * Phone numbers and the carriers behind them, and where each number routes its callers.
 * For now only the Phone Numbers page, which lists none until numbers can be added.
 */
package dev.switchboard.telephony;
