/**
 * Phone numbers and the providers behind them: the platform's inventory and organization
 * assignments (one primary), provider accounts and bring-your-own credentials, and the
 * {@link dev.switchboard.telephony.TelephonyProvider} port with its Twilio and sandbox adapters.
 * Types in this package are the API; everything under {@code internal} is private to it.
 */
package dev.switchboard.telephony;
