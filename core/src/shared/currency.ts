/**
 * ISO 4217 active codes with their minor-unit exponent. Only the exceptions to the usual 2 are
 * listed by exponent; the list itself keeps unknown three-letter strings out.
 */
const ZERO = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR = 'CLF UYW';
const TWO =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN ' +
  'BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP ' +
  'GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP ' +
  'LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR ' +
  'NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN ' +
  'SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ' +
  'ZMW ZWG';

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...TWO.split(' ').map((c) => [c, 2] as const),
  ...ZERO.split(' ').map((c) => [c, 0] as const),
  ...THREE.split(' ').map((c) => [c, 3] as const),
  ...FOUR.split(' ').map((c) => [c, 4] as const),
]);

export type CurrencyCode = string & { readonly __currency: true };

export const isCurrencyCode = (code: string): code is CurrencyCode => EXPONENTS.has(code);

/** Number of decimal places of the currency's minor unit (USD 2, JPY 0, BHD 3). */
export const minorUnitExponent = (currency: CurrencyCode): number => EXPONENTS.get(currency) ?? 2;
