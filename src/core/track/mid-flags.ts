/**
 * Flag state from an MMSI: the ITU Maritime Identification Digits (MID) table and the
 * MMSI formats of ITU-R M.585-9 Annex 1.
 *
 * Spec: ITU-R M.585 (https://www.itu.int/rec/R-REC-M.585) for the formats, and the ITU
 * MARS list of allocated MIDs (the project copy is shared/data/reference/
 * MaritimeIdentificationDigits.csv) for the table. Flags are ISO 3166-1 alpha-3 codes.
 * Where ITU allocates a MID to a territory that has its own ISO code (Faroe Islands,
 * Greenland, Puerto Rico, Hong Kong, …) the territory's code is used; where the territory
 * has none (Azores, Madeira, Alaska) the state's code is used.
 */

/**
 * MID (201–775) → ISO 3166-1 alpha-3 flag. Only allocated MIDs are present.
 *
 * Judgement calls, where the ITU entry has no single ISO code:
 * - 306 is shared by Bonaire/Sint Eustatius/Saba (BES), Curaçao (CUW) and Sint Maarten
 *   (SXM); it was the Netherlands Antilles MID and the Curaçao register is its main user,
 *   so it maps to CUW.
 * - 501 Adélie Land: ISO files it under Antarctica (ATA), which is no flag state; the
 *   register is French, so it maps to FRA.
 * - 607/618/635 (St Paul and Amsterdam, Crozet, Kerguelen) are the French Southern
 *   Territories, ATF.
 * - 608 Ascension and 665 Saint Helena are both in ISO's SHN.
 *
 * @example MID_FLAGS[272] // 'UKR'
 */
export const MID_FLAGS: Readonly<Record<number, string>> = {
  201: 'ALB', // Albania
  202: 'AND', // Andorra
  203: 'AUT', // Austria
  204: 'PRT', // Portugal - Azores
  205: 'BEL', // Belgium
  206: 'BLR', // Belarus
  207: 'BGR', // Bulgaria
  208: 'VAT', // Vatican City State
  209: 'CYP', // Cyprus
  210: 'CYP', // Cyprus
  211: 'DEU', // Germany
  212: 'CYP', // Cyprus
  213: 'GEO', // Georgia
  214: 'MDA', // Moldova
  215: 'MLT', // Malta
  216: 'ARM', // Armenia
  218: 'DEU', // Germany
  219: 'DNK', // Denmark
  220: 'DNK', // Denmark
  224: 'ESP', // Spain
  225: 'ESP', // Spain
  226: 'FRA', // France
  227: 'FRA', // France
  228: 'FRA', // France
  229: 'MLT', // Malta
  230: 'FIN', // Finland
  231: 'FRO', // Denmark - Faroe Islands
  232: 'GBR', // United Kingdom
  233: 'GBR', // United Kingdom
  234: 'GBR', // United Kingdom
  235: 'GBR', // United Kingdom
  236: 'GIB', // United Kingdom - Gibraltar
  237: 'GRC', // Greece
  238: 'HRV', // Croatia
  239: 'GRC', // Greece
  240: 'GRC', // Greece
  241: 'GRC', // Greece
  242: 'MAR', // Morocco
  243: 'HUN', // Hungary
  244: 'NLD', // Netherlands
  245: 'NLD', // Netherlands
  246: 'NLD', // Netherlands
  247: 'ITA', // Italy
  248: 'MLT', // Malta
  249: 'MLT', // Malta
  250: 'IRL', // Ireland
  251: 'ISL', // Iceland
  252: 'LIE', // Liechtenstein
  253: 'LUX', // Luxembourg
  254: 'MCO', // Monaco
  255: 'PRT', // Portugal - Madeira
  256: 'MLT', // Malta
  257: 'NOR', // Norway
  258: 'NOR', // Norway
  259: 'NOR', // Norway
  261: 'POL', // Poland
  262: 'MNE', // Montenegro
  263: 'PRT', // Portugal
  264: 'ROU', // Romania
  265: 'SWE', // Sweden
  266: 'SWE', // Sweden
  267: 'SVK', // Slovak Republic
  268: 'SMR', // San Marino
  269: 'CHE', // Switzerland
  270: 'CZE', // Czech Republic
  271: 'TUR', // Türkiye
  272: 'UKR', // Ukraine
  273: 'RUS', // Russian Federation
  274: 'MKD', // North Macedonia
  275: 'LVA', // Latvia
  276: 'EST', // Estonia
  277: 'LTU', // Lithuania
  278: 'SVN', // Slovenia
  279: 'SRB', // Serbia
  301: 'AIA', // United Kingdom - Anguilla
  303: 'USA', // United States - Alaska
  304: 'ATG', // Antigua and Barbuda
  305: 'ATG', // Antigua and Barbuda
  306: 'CUW', // Netherlands - Curaçao (also Bonaire/Sint Eustatius/Saba, Sint Maarten)
  307: 'ABW', // Netherlands - Aruba
  308: 'BHS', // Bahamas
  309: 'BHS', // Bahamas
  310: 'BMU', // United Kingdom - Bermuda
  311: 'BHS', // Bahamas
  312: 'BLZ', // Belize
  314: 'BRB', // Barbados
  316: 'CAN', // Canada
  319: 'CYM', // United Kingdom - Cayman Islands
  321: 'CRI', // Costa Rica
  323: 'CUB', // Cuba
  325: 'DMA', // Dominica
  327: 'DOM', // Dominican Republic
  329: 'GLP', // France - Guadeloupe
  330: 'GRD', // Grenada
  331: 'GRL', // Denmark - Greenland
  332: 'GTM', // Guatemala
  334: 'HND', // Honduras
  336: 'HTI', // Haiti
  338: 'USA', // United States
  339: 'JAM', // Jamaica
  341: 'KNA', // Saint Kitts and Nevis
  343: 'LCA', // Saint Lucia
  345: 'MEX', // Mexico
  347: 'MTQ', // France - Martinique
  348: 'MSR', // United Kingdom - Montserrat
  350: 'NIC', // Nicaragua
  351: 'PAN', // Panama
  352: 'PAN', // Panama
  353: 'PAN', // Panama
  354: 'PAN', // Panama
  355: 'PAN', // Panama
  356: 'PAN', // Panama
  357: 'PAN', // Panama
  358: 'PRI', // United States - Puerto Rico
  359: 'SLV', // El Salvador
  361: 'SPM', // France - Saint Pierre and Miquelon
  362: 'TTO', // Trinidad and Tobago
  364: 'TCA', // United Kingdom - Turks and Caicos Islands
  366: 'USA', // United States
  367: 'USA', // United States
  368: 'USA', // United States
  369: 'USA', // United States
  370: 'PAN', // Panama
  371: 'PAN', // Panama
  372: 'PAN', // Panama
  373: 'PAN', // Panama
  374: 'PAN', // Panama
  375: 'VCT', // Saint Vincent and the Grenadines
  376: 'VCT', // Saint Vincent and the Grenadines
  377: 'VCT', // Saint Vincent and the Grenadines
  378: 'VGB', // United Kingdom - British Virgin Islands
  379: 'VIR', // United States - United States Virgin Islands
  401: 'AFG', // Afghanistan
  403: 'SAU', // Saudi Arabia
  405: 'BGD', // Bangladesh
  408: 'BHR', // Bahrain
  410: 'BTN', // Bhutan
  412: 'CHN', // China
  413: 'CHN', // China
  414: 'CHN', // China
  416: 'TWN', // Taiwan
  417: 'LKA', // Sri Lanka
  419: 'IND', // India
  422: 'IRN', // Iran
  423: 'AZE', // Azerbaijan
  425: 'IRQ', // Iraq
  428: 'ISR', // Israel
  431: 'JPN', // Japan
  432: 'JPN', // Japan
  434: 'TKM', // Turkmenistan
  436: 'KAZ', // Kazakhstan
  437: 'UZB', // Uzbekistan
  438: 'JOR', // Jordan
  440: 'KOR', // Korea (Republic of)
  441: 'KOR', // Korea (Republic of)
  443: 'PSE', // State of Palestine
  445: 'PRK', // Democratic People's Republic of Korea
  447: 'KWT', // Kuwait
  450: 'LBN', // Lebanon
  451: 'KGZ', // Kyrgyz Republic
  453: 'MAC', // China - Macao
  455: 'MDV', // Maldives
  457: 'MNG', // Mongolia
  459: 'NPL', // Nepal
  461: 'OMN', // Oman
  463: 'PAK', // Pakistan
  466: 'QAT', // Qatar
  468: 'SYR', // Syrian Arab Republic
  470: 'ARE', // United Arab Emirates
  471: 'ARE', // United Arab Emirates
  472: 'TJK', // Tajikistan
  473: 'YEM', // Yemen
  475: 'YEM', // Yemen
  477: 'HKG', // China - Hong Kong
  478: 'BIH', // Bosnia and Herzegovina
  501: 'FRA', // France - Adélie Land
  503: 'AUS', // Australia
  506: 'MMR', // Myanmar
  508: 'BRN', // Brunei Darussalam
  510: 'FSM', // Micronesia
  511: 'PLW', // Palau
  512: 'NZL', // New Zealand
  514: 'KHM', // Cambodia
  515: 'KHM', // Cambodia
  516: 'CXR', // Australia - Christmas Island
  518: 'COK', // New Zealand - Cook Islands
  520: 'FJI', // Fiji
  523: 'CCK', // Australia - Cocos (Keeling) Islands
  525: 'IDN', // Indonesia
  529: 'KIR', // Kiribati
  531: 'LAO', // Lao People's Democratic Republic
  533: 'MYS', // Malaysia
  536: 'MNP', // United States - Northern Mariana Islands
  538: 'MHL', // Marshall Islands
  540: 'NCL', // France - New Caledonia
  542: 'NIU', // New Zealand - Niue
  544: 'NRU', // Nauru
  546: 'PYF', // France - French Polynesia
  548: 'PHL', // Philippines
  550: 'TLS', // Timor-Leste
  553: 'PNG', // Papua New Guinea
  555: 'PCN', // United Kingdom - Pitcairn Island
  557: 'SLB', // Solomon Islands
  559: 'ASM', // United States - American Samoa
  561: 'WSM', // Samoa
  563: 'SGP', // Singapore
  564: 'SGP', // Singapore
  565: 'SGP', // Singapore
  566: 'SGP', // Singapore
  567: 'THA', // Thailand
  570: 'TON', // Tonga
  572: 'TUV', // Tuvalu
  574: 'VNM', // Viet Nam
  576: 'VUT', // Vanuatu
  577: 'VUT', // Vanuatu
  578: 'WLF', // France - Wallis and Futuna Islands
  601: 'ZAF', // South Africa
  603: 'AGO', // Angola
  605: 'DZA', // Algeria
  607: 'ATF', // France - Saint Paul and Amsterdam Islands
  608: 'SHN', // United Kingdom - Ascension Island
  609: 'BDI', // Burundi
  610: 'BEN', // Benin
  611: 'BWA', // Botswana
  612: 'CAF', // Central African Republic
  613: 'CMR', // Cameroon
  615: 'COG', // Congo (Republic of the)
  616: 'COM', // Comoros
  617: 'CPV', // Cabo Verde
  618: 'ATF', // France - Crozet Archipelago
  619: 'CIV', // Côte d'Ivoire
  620: 'COM', // Comoros
  621: 'DJI', // Djibouti
  622: 'EGY', // Egypt
  624: 'ETH', // Ethiopia
  625: 'ERI', // Eritrea
  626: 'GAB', // Gabonese Republic
  627: 'GHA', // Ghana
  629: 'GMB', // Gambia
  630: 'GNB', // Guinea-Bissau
  631: 'GNQ', // Equatorial Guinea
  632: 'GIN', // Guinea
  633: 'BFA', // Burkina Faso
  634: 'KEN', // Kenya
  635: 'ATF', // France - Kerguelen Islands
  636: 'LBR', // Liberia
  637: 'LBR', // Liberia
  638: 'SSD', // South Sudan
  642: 'LBY', // Libya
  644: 'LSO', // Lesotho
  645: 'MUS', // Mauritius
  647: 'MDG', // Madagascar
  649: 'MLI', // Mali
  650: 'MOZ', // Mozambique
  654: 'MRT', // Mauritania
  655: 'MWI', // Malawi
  656: 'NER', // Niger
  657: 'NGA', // Nigeria
  659: 'NAM', // Namibia
  660: 'REU', // France - Reunion
  661: 'RWA', // Rwanda
  662: 'SDN', // Sudan
  663: 'SEN', // Senegal
  664: 'SYC', // Seychelles
  665: 'SHN', // United Kingdom - Saint Helena
  666: 'SOM', // Somalia
  667: 'SLE', // Sierra Leone
  668: 'STP', // Sao Tome and Principe
  669: 'SWZ', // Eswatini
  670: 'TCD', // Chad
  671: 'TGO', // Togolese Republic
  672: 'TUN', // Tunisia
  674: 'TZA', // Tanzania
  675: 'UGA', // Uganda
  676: 'COD', // Democratic Republic of the Congo
  677: 'TZA', // Tanzania
  678: 'ZMB', // Zambia
  679: 'ZWE', // Zimbabwe
  701: 'ARG', // Argentine Republic
  710: 'BRA', // Brazil
  720: 'BOL', // Bolivia
  725: 'CHL', // Chile
  730: 'COL', // Colombia
  735: 'ECU', // Ecuador
  740: 'FLK', // United Kingdom - Falkland Islands (Malvinas)
  745: 'GUF', // France - Guiana
  750: 'GUY', // Guyana
  755: 'PRY', // Paraguay
  760: 'PER', // Peru
  765: 'SUR', // Suriname
  770: 'URY', // Uruguay
  775: 'VEN', // Venezuela
};

/**
 * The MID carried by an MMSI, by the ITU-R M.585-9 Annex 1 format its digits show
 * (M = MID digit, first M in 2–7, x = any digit):
 *
 * | format     | station                               | as a number                 |
 * |------------|---------------------------------------|-----------------------------|
 * | MMMxxxxxx  | ship station                          | 200 000 000 – 799 999 999   |
 * | 0MMMxxxxx  | group of ship stations                |  20 000 000 –  79 999 999   |
 * | 00MMMxxxx  | coast station                         |   2 000 000 –   7 999 999   |
 * | 111MMMxxx  | SAR aircraft                          | 111 200 000 – 111 799 999   |
 * | 8MMMxxxxx  | handheld VHF with DSC and GNSS        | 820 000 000 – 879 999 999   |
 * | 98MMMxxxx  | craft associated with a parent ship   | 982 000 000 – 987 999 999   |
 * | 99MMMxxxx  | aid to navigation                     | 992 000 000 – 997 999 999   |
 *
 * Anything else (970/972/974 AIS-SART, MOB and EPIRB devices, which carry no MID; negative,
 * fractional or over nine digits) has none. The MID is not checked against the allocation
 * table here: see {@link flagFromMmsi}.
 *
 * @param mmsi the MMSI as a number (leading zeros are lost, which the ranges above allow for)
 * @returns the three-digit MID, or undefined when the format carries none
 * @example midFromMmsi(992721234) // 272
 */
export function midFromMmsi(mmsi: number): number | undefined {
  if (!Number.isInteger(mmsi) || mmsi < 0) return undefined;
  if (mmsi >= 200_000_000 && mmsi <= 799_999_999) return Math.floor(mmsi / 1_000_000);
  if (mmsi >= 20_000_000 && mmsi <= 79_999_999) return Math.floor(mmsi / 100_000);
  if (mmsi >= 2_000_000 && mmsi <= 7_999_999) return Math.floor(mmsi / 10_000);
  if (mmsi >= 111_200_000 && mmsi <= 111_799_999) return Math.floor(mmsi / 1_000) % 1_000;
  if (mmsi >= 820_000_000 && mmsi <= 879_999_999) return Math.floor(mmsi / 100_000) % 1_000;
  if (mmsi >= 982_000_000 && mmsi <= 987_999_999) return Math.floor(mmsi / 10_000) % 1_000;
  if (mmsi >= 992_000_000 && mmsi <= 997_999_999) return Math.floor(mmsi / 10_000) % 1_000;
  return undefined;
}

/**
 * Flag state (ISO 3166-1 alpha-3) of the station an MMSI identifies, from its MID.
 *
 * @param mmsi the MMSI as a number
 * @returns the flag, or undefined when the MMSI carries no MID or the MID is unallocated
 * @example flagFromMmsi(273123456) // 'RUS'
 * @example flagFromMmsi(2711234)   // 'TUR' (coast station 002711234)
 * @example flagFromMmsi(970123456) // undefined (AIS-SART)
 */
export function flagFromMmsi(mmsi: number): string | undefined {
  const mid = midFromMmsi(mmsi);
  return mid === undefined ? undefined : MID_FLAGS[mid];
}
