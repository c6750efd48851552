/**
 * The shipped place table: Ukraine's first-level divisions (ISO 3166-2:UA), its named
 * macro-regions, the countries of the Black Sea, and the towns that strike reports name
 * (the Black Sea and Azov coast, the oblast centres, towns near the front). Spelling
 * variants are aliases: English (BGN/PCGN 2019 romanisation), the transliterations of the
 * Ukrainian adjective (`Odeska`, `Odes'ka`, as ACLED's `admin1`), Russian-era names, the
 * World Port Index's spellings, and Ukrainian in Cyrillic. Matching ignores case,
 * diacritics, apostrophes and the words "oblast"/"region" (see `normalizePlaceName`).
 *
 * Points are `[lon, lat]`: a town's centre or harbour, to 0.01°. A region's point is its
 * administrative centre and only stands for it on maps; its area (when the gazetteer has
 * one) is what `no-strike` tests against zones. Areas are not in this table: countries come
 * from Natural Earth admin-0 (npm `world-atlas`), oblasts from a Natural Earth admin-1
 * GeoJSON given to the gazetteer (`vigil check --places FILE`), macro-regions are the union
 * of their oblasts. Town points are checked against the World Port Index in
 * test/reports-import/gazetteer.test.ts.
 */

export type PlaceKind = 'town' | 'region' | 'macro-region' | 'country';

export interface PlaceEntry {
  /** ISO 3166-2 code for regions (`UA-51`), ISO 3166-1 alpha-2 for countries (`UA`), `UA-south` for macro-regions, `town:NAME` for towns. */
  id: string;
  name: string;
  kind: PlaceKind;
  /** ISO 3166-1 alpha-2 of the country the place is in. */
  country: string;
  /** Representative point `[lon, lat]`. */
  point: readonly [number, number];
  aliases: readonly string[];
  /** Macro-regions: ids of the regions they are made of. */
  members?: readonly string[];
  /** Countries: the name in Natural Earth admin-0 (npm `world-atlas`). */
  naturalEarthName?: string;
}

const T = (name: string, country: string, lon: number, lat: number, ...aliases: string[]): PlaceEntry => ({ id: `town:${name}`, name, kind: 'town', country, point: [lon, lat], aliases });
const R = (id: string, name: string, centre: readonly [number, number], ...aliases: string[]): PlaceEntry => ({ id, name, kind: 'region', country: 'UA', point: centre, aliases });

// Oblast centres (also towns below).
const KYIV = [30.52, 50.45] as const;

/** Ukraine's 24 oblasts, the Autonomous Republic of Crimea and the two cities with special status. */
export const UKRAINE_REGIONS: readonly PlaceEntry[] = [
  R('UA-05', 'Vinnytsia Oblast', [28.47, 49.23], 'Vinnytsia', 'Vinnytska', 'Vinnitsa', 'Vinnitskaya', 'Вінницька'),
  R('UA-07', 'Volyn Oblast', [25.33, 50.75], 'Volyn', 'Volynska', 'Volynskaya', 'Волинська'),
  R('UA-09', 'Luhansk Oblast', [39.31, 48.57], 'Luhansk', 'Luhanska', 'Lugansk', 'Luganskaya', 'Луганська'),
  R('UA-12', 'Dnipropetrovsk Oblast', [35.05, 48.46], 'Dnipropetrovsk', 'Dnipropetrovska', 'Dnepropetrovsk', 'Dnepropetrovskaya', 'Dnipro Oblast', 'Дніпропетровська'),
  R('UA-14', 'Donetsk Oblast', [37.80, 48.02], 'Donetsk', 'Donetska', 'Donetskaya', 'Донецька'),
  R('UA-18', 'Zhytomyr Oblast', [28.66, 50.25], 'Zhytomyr', 'Zhytomyrska', 'Zhitomir', 'Zhitomirskaya', 'Житомирська'),
  R('UA-21', 'Zakarpattia Oblast', [22.29, 48.62], 'Zakarpattia', 'Zakarpatska', 'Zakarpattya', 'Transcarpathia', 'Zakarpatskaya', 'Закарпатська'),
  R('UA-23', 'Zaporizhzhia Oblast', [35.14, 47.84], 'Zaporizhzhia', 'Zaporizka', 'Zaporizhia', 'Zaporizhzhya', 'Zaporozhye', 'Zaporozhskaya', 'Запорізька'),
  R('UA-26', 'Ivano-Frankivsk Oblast', [24.71, 48.92], 'Ivano-Frankivsk', 'Ivano-Frankivska', 'Ivano-Frankovsk', 'Івано-Франківська'),
  R('UA-30', 'Kyiv City', KYIV, 'Kyiv', 'Kiev', 'Kyiv City', 'Kyiv Misto', 'Kyïv', 'Київ', 'місто Київ'),
  R('UA-32', 'Kyiv Oblast', KYIV, 'Kyivska', 'Kiev Oblast', 'Kievskaya', 'Київська'),
  R('UA-35', 'Kirovohrad Oblast', [32.26, 48.51], 'Kirovohrad', 'Kirovohradska', 'Kirovograd', 'Kirovogradskaya', 'Kropyvnytskyi Oblast', 'Кіровоградська'),
  R('UA-40', 'Sevastopol City', [33.53, 44.62], 'Sevastopol', 'Sebastopol', 'Syevastopol', 'Севастополь'),
  R('UA-43', 'Autonomous Republic of Crimea', [34.10, 44.95], 'Crimea', 'Krym', 'Respublika Krym', 'Republic of Crimea', 'AR Crimea', 'Крим', 'Автономна Республіка Крим'),
  R('UA-46', 'Lviv Oblast', [24.03, 49.84], 'Lviv', 'Lvivska', 'Lvov', 'Lvovskaya', 'Львівська'),
  R('UA-48', 'Mykolaiv Oblast', [31.99, 46.97], 'Mykolaiv', 'Mykolaivska', 'Mykolayivska', 'Mykolayiv', 'Nikolaev', 'Nikolayev', 'Nikolaevskaya', 'Миколаївська'),
  R('UA-51', 'Odesa Oblast', [30.73, 46.48], 'Odesa', 'Odeska', 'Odessa', 'Odesskaya', 'Одеська'),
  R('UA-53', 'Poltava Oblast', [34.55, 49.59], 'Poltava', 'Poltavska', 'Poltavskaya', 'Полтавська'),
  R('UA-56', 'Rivne Oblast', [26.25, 50.62], 'Rivne', 'Rivnenska', 'Rovno', 'Rovenskaya', 'Рівненська'),
  R('UA-59', 'Sumy Oblast', [34.80, 50.91], 'Sumy', 'Sumska', 'Sumskaya', 'Сумська'),
  R('UA-61', 'Ternopil Oblast', [25.59, 49.55], 'Ternopil', 'Ternopilska', 'Ternopol', 'Ternopolskaya', 'Тернопільська'),
  R('UA-63', 'Kharkiv Oblast', [36.23, 49.99], 'Kharkiv', 'Kharkivska', 'Kharkov', 'Kharkovskaya', 'Харківська'),
  R('UA-65', 'Kherson Oblast', [32.62, 46.64], 'Kherson', 'Khersonska', 'Khersonskaya', 'Херсонська'),
  R('UA-68', 'Khmelnytskyi Oblast', [26.99, 49.42], 'Khmelnytskyi', 'Khmelnytska', 'Khmelnitsky', 'Khmelnitskaya', 'Хмельницька'),
  R('UA-71', 'Cherkasy Oblast', [32.06, 49.44], 'Cherkasy', 'Cherkaska', 'Cherkassy', 'Cherkasskaya', 'Черкаська'),
  R('UA-74', 'Chernihiv Oblast', [31.29, 51.50], 'Chernihiv', 'Chernihivska', 'Chernigov', 'Chernigovskaya', 'Чернігівська'),
  R('UA-77', 'Chernivtsi Oblast', [25.94, 48.29], 'Chernivtsi', 'Chernivetska', 'Chernovtsy', 'Chernovitskaya', 'Чернівецька'),
];

/**
 * Ukraine's macro-regions as the Air Force's daily statements and the press name them. The
 * grouping is Vigil's (the statements define none): the usual one of the State Statistics
 * Service's regional tables, with Kyiv in the north.
 */
export const UKRAINE_MACRO_REGIONS: readonly PlaceEntry[] = [
  { id: 'UA-north', name: 'Northern Ukraine', kind: 'macro-region', country: 'UA', point: KYIV, aliases: ['north', 'northern regions', 'північ'], members: ['UA-30', 'UA-32', 'UA-18', 'UA-74', 'UA-59'] },
  { id: 'UA-south', name: 'Southern Ukraine', kind: 'macro-region', country: 'UA', point: [31.99, 46.97], aliases: ['south', 'southern regions', 'південь'], members: ['UA-51', 'UA-48', 'UA-65', 'UA-23', 'UA-43', 'UA-40'] },
  { id: 'UA-east', name: 'Eastern Ukraine', kind: 'macro-region', country: 'UA', point: [36.23, 49.99], aliases: ['east', 'eastern regions', 'схід'], members: ['UA-63', 'UA-14', 'UA-09', 'UA-12'] },
  { id: 'UA-west', name: 'Western Ukraine', kind: 'macro-region', country: 'UA', point: [24.03, 49.84], aliases: ['west', 'western regions', 'захід'], members: ['UA-46', 'UA-07', 'UA-56', 'UA-61', 'UA-26', 'UA-21', 'UA-77', 'UA-68'] },
  { id: 'UA-centre', name: 'Central Ukraine', kind: 'macro-region', country: 'UA', point: [32.06, 49.44], aliases: ['centre', 'center', 'central regions', 'центр'], members: ['UA-05', 'UA-71', 'UA-35', 'UA-53'] },
];

/** Countries of the Black Sea and its neighbours; the point is the capital. */
export const BLACK_SEA_COUNTRIES: readonly PlaceEntry[] = [
  { id: 'UA', name: 'Ukraine', kind: 'country', country: 'UA', point: KYIV, aliases: ['Ukraine', 'Україна', 'all of Ukraine'], naturalEarthName: 'Ukraine' },
  { id: 'MD', name: 'Moldova', kind: 'country', country: 'MD', point: [28.86, 47.01], aliases: ['Moldova'], naturalEarthName: 'Moldova' },
  { id: 'RO', name: 'Romania', kind: 'country', country: 'RO', point: [26.10, 44.43], aliases: ['Romania'], naturalEarthName: 'Romania' },
  { id: 'BG', name: 'Bulgaria', kind: 'country', country: 'BG', point: [23.32, 42.70], aliases: ['Bulgaria'], naturalEarthName: 'Bulgaria' },
  { id: 'TR', name: 'Turkey', kind: 'country', country: 'TR', point: [32.86, 39.93], aliases: ['Turkey', 'Türkiye'], naturalEarthName: 'Turkey' },
  { id: 'GE', name: 'Georgia', kind: 'country', country: 'GE', point: [44.83, 41.72], aliases: ['Georgia'], naturalEarthName: 'Georgia' },
  { id: 'RU', name: 'Russia', kind: 'country', country: 'RU', point: [37.62, 55.76], aliases: ['Russia', 'Russian Federation'], naturalEarthName: 'Russia' },
];

/** Towns: the Black Sea and Azov coast and the Danube ports first, then oblast centres and towns near the front. */
export const BLACK_SEA_TOWNS: readonly PlaceEntry[] = [
  T('Odesa', 'UA', 30.73, 46.48, 'Odessa', 'Odyessa', 'Одеса'),
  T('Mykolaiv', 'UA', 31.99, 46.97, 'Mykolayiv', 'Nikolaev', 'Nikolayev', 'Миколаїв'),
  T('Kherson', 'UA', 32.62, 46.64, 'Khyerson', 'Херсон'),
  T('Izmail', 'UA', 28.84, 45.35, 'Izmayil', 'Ismail', 'Ізмаїл'),
  T('Chornomorsk', 'UA', 30.66, 46.30, 'Illichivsk', 'Ilyichevsk', 'Illichivs\'k', 'Чорноморськ'),
  T('Pivdennyi', 'UA', 31.01, 46.62, 'Yuzhnyy', 'Yuzhne', 'Yuzhny', 'Pivdenne', 'Південне', 'Південний'),
  T('Sevastopol', 'UA', 33.53, 44.62, 'Sebastopol', 'Syevastopol', 'Севастополь'),
  T('Ochakiv', 'UA', 31.54, 46.61, 'Ochakov', 'Очаків'),
  T('Reni', 'UA', 28.28, 45.45, 'Рені'),
  T('Bilhorod-Dnistrovskyi', 'UA', 30.35, 46.19, 'Belgorod-Dnestrovsky', 'Bilhorod-Dnistrovskyy', 'Білгород-Дністровський'),
  T('Ust-Dunaisk', 'UA', 29.70, 45.47, 'Vylkove', 'Vilkovo'),
  T('Skadovsk', 'UA', 32.92, 46.11, 'Skadovs\'k', 'Скадовськ'),
  T('Berdiansk', 'UA', 36.78, 46.76, 'Berdyansk', 'Бердянськ'),
  T('Mariupol', 'UA', 37.55, 47.10, 'Маріуполь'),
  T('Kerch', 'UA', 36.47, 45.35, 'Kyerch', 'Керч'),
  T('Feodosiia', 'UA', 35.38, 45.03, 'Feodosiya', 'Feodosia', 'Theodosia', 'Феодосія'),
  T('Yalta', 'UA', 34.16, 44.50, 'Ялта'),
  T('Yevpatoriia', 'UA', 33.37, 45.19, 'Yevpatoriya', 'Eupatoria', 'Yevpatoria', 'Євпаторія'),
  T('Novorossiysk', 'RU', 37.77, 44.72, 'Novorossiisk', 'Новороссийск'),
  T('Tuapse', 'RU', 39.07, 44.10, 'Туапсе'),
  T('Sochi', 'RU', 39.73, 43.59, 'Сочи'),
  T('Taganrog', 'RU', 38.93, 47.22, 'Таганрог'),
  T('Constanța', 'RO', 28.63, 44.17, 'Constanta', 'Constantsa', 'Constanţa'),
  T('Mangalia', 'RO', 28.58, 43.81),
  T('Sulina', 'RO', 29.65, 45.16),
  T('Galați', 'RO', 28.05, 45.44, 'Galati'),
  T('Tulcea', 'RO', 28.80, 45.18),
  T('Varna', 'BG', 27.92, 43.20, 'Варна'),
  T('Burgas', 'BG', 27.47, 42.50, 'Bourgas', 'Бургас'),
  T('Batumi', 'GE', 41.64, 41.65),
  T('Poti', 'GE', 41.67, 42.15),
  T('Istanbul', 'TR', 28.98, 41.01),
  T('Samsun', 'TR', 36.33, 41.29),
  T('Trabzon', 'TR', 39.73, 41.00),
  // Oblast centres.
  T('Kyiv', 'UA', 30.52, 50.45, 'Kiev', 'Київ'),
  T('Kharkiv', 'UA', 36.23, 49.99, 'Kharkov', 'Харків'),
  T('Lviv', 'UA', 24.03, 49.84, 'Lvov', 'Львів'),
  T('Dnipro', 'UA', 35.05, 48.46, 'Dnipropetrovsk city', 'Dnepr', 'Дніпро'),
  T('Zaporizhzhia', 'UA', 35.14, 47.84, 'Zaporizhia', 'Zaporozhye', 'Запоріжжя'),
  T('Donetsk', 'UA', 37.80, 48.02, 'Донецьк'),
  T('Luhansk', 'UA', 39.31, 48.57, 'Lugansk', 'Луганськ'),
  T('Poltava', 'UA', 34.55, 49.59, 'Полтава'),
  T('Sumy', 'UA', 34.80, 50.91, 'Суми'),
  T('Chernihiv', 'UA', 31.29, 51.50, 'Chernigov', 'Чернігів'),
  T('Zhytomyr', 'UA', 28.66, 50.25, 'Zhitomir', 'Житомир'),
  T('Vinnytsia', 'UA', 28.47, 49.23, 'Vinnitsa', 'Вінниця'),
  T('Cherkasy', 'UA', 32.06, 49.44, 'Cherkassy', 'Черкаси'),
  T('Kropyvnytskyi', 'UA', 32.26, 48.51, 'Kirovohrad city', 'Kirovograd', 'Кропивницький'),
  T('Khmelnytskyi', 'UA', 26.99, 49.42, 'Khmelnitsky', 'Хмельницький'),
  T('Rivne', 'UA', 26.25, 50.62, 'Rovno', 'Рівне'),
  T('Lutsk', 'UA', 25.33, 50.75, 'Луцьк'),
  T('Ternopil', 'UA', 25.59, 49.55, 'Тернопіль'),
  T('Ivano-Frankivsk', 'UA', 24.71, 48.92, 'Івано-Франківськ'),
  T('Uzhhorod', 'UA', 22.29, 48.62, 'Uzhgorod', 'Ужгород'),
  T('Chernivtsi', 'UA', 25.94, 48.29, 'Chernovtsy', 'Чернівці'),
  T('Simferopol', 'UA', 34.10, 44.95, 'Сімферополь'),
  // Towns often named in strike reports.
  T('Kryvyi Rih', 'UA', 33.39, 47.91, 'Krivoy Rog', 'Кривий Ріг'),
  T('Kremenchuk', 'UA', 33.42, 49.07, 'Kremenchug', 'Кременчук'),
  T('Bila Tserkva', 'UA', 30.11, 49.80, 'Біла Церква'),
  T('Pavlohrad', 'UA', 35.87, 48.53, 'Павлоград'),
  T('Nikopol', 'UA', 34.39, 47.57, 'Нікополь'),
  T('Kramatorsk', 'UA', 37.56, 48.72, 'Краматорськ'),
  T('Sloviansk', 'UA', 37.62, 48.85, 'Slavyansk', 'Слов\'янськ'),
  T('Kostiantynivka', 'UA', 37.71, 48.53, 'Костянтинівка'),
  T('Pokrovsk', 'UA', 37.18, 48.28, 'Покровськ'),
  T('Kupiansk', 'UA', 37.62, 49.71, 'Kupyansk', 'Куп\'янськ'),
  T('Melitopol', 'UA', 35.37, 46.85, 'Мелітополь'),
  T('Enerhodar', 'UA', 34.66, 47.50, 'Energodar', 'Енергодар'),
  T('Nova Kakhovka', 'UA', 33.35, 46.75, 'Нова Каховка'),
  T('Brovary', 'UA', 30.79, 50.51, 'Бровари'),
  T('Shostka', 'UA', 33.48, 51.86, 'Шостка'),
];

/** Every entry of the shipped table. */
export const SHIPPED_PLACES: readonly PlaceEntry[] = [...BLACK_SEA_TOWNS, ...UKRAINE_REGIONS, ...UKRAINE_MACRO_REGIONS, ...BLACK_SEA_COUNTRIES];
