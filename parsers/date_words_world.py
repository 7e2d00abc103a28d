"""Month names of more press languages and scripts, as their dates print them (rules as data).

Category "dates beyond English": read only where a day comes before the month
(``16 Kasım 2019``, ``١٦ نوفمبر ٢٠١٩``) or a year before it (``2019. november 16.``),
never month-first, so the longer list costs nothing on the month-first search.

A spelling that names two months in two languages is left out (a wrong date is
worse than none): Croatian ``listopad``/``listopada`` is October, in Czech and Polish
November (the Polish genitive, in ``date_words``, stays); the Czech nominative
``listopad`` is therefore not here either.
"""

from __future__ import annotations

WORLD_MONTH_SPELLINGS = (
    # Turkish, with and without its dotless i and cedillas (pages and URLs drop them).
    ("ocak", 1), ("şubat subat", 2), ("mart", 3), ("nisan", 4), ("mayıs mayis", 5),
    ("haziran", 6), ("temmuz", 7), ("ağustos agustos", 8), ("eylül eylul", 9),
    ("ekim", 10), ("kasım kasim", 11), ("aralık aralik", 12),
    # Czech (genitive, as "16. listopadu 2019" prints it, and nominatives but listopad).
    ("ledna leden", 1), ("února unora únor", 2), ("března březen", 3), ("dubna duben", 4),
    ("května květen", 5), ("června červen", 6), ("července červenec", 7),
    ("srpna srpen", 8), ("září", 9), ("října říjen", 10), ("listopadu", 11),
    ("prosince prosinec", 12),
    # Slovak, Slovenian, Serbian/Bosnian (Latin): genitives.
    ("januára januarja januara", 1), ("februára februarja februara", 2),
    ("marca marta", 3), ("apríla aprila", 4), ("mája", 5), ("júna junija juna", 6),
    ("júla julija jula", 7), ("augusta avgusta avgust", 8),
    ("septembra septembar", 9), ("októbra oktobra oktobar", 10),
    ("novembra novembar", 11), ("decembra decembar", 12), ("maj", 5),
    # Croatian (but October, above).
    ("siječnja", 1), ("veljače", 2), ("ožujka", 3), ("travnja", 4), ("svibnja", 5),
    ("lipnja", 6), ("srpnja", 7), ("kolovoza", 8), ("rujna", 9), ("studenoga studenog", 11),
    ("prosinca", 12),
    # Bulgarian, Macedonian, Serbian Cyrillic; Ukrainian nominatives.
    ("януари јануар јануара січень", 1), ("февруари фебруар фебруара лютий", 2),
    ("березень", 3), ("април априла квітень", 4), ("мај маја", 5),
    ("юни јун јуна червень", 6), ("юли јул јула липень", 7), ("серпень", 8),
    ("септември септембар септембра вересень", 9), ("октомври октобар октобра жовтень", 10),
    ("ноември новембар новембра листопад", 11), ("декември децембар децембра грудень", 12),
    # Romanian.
    ("ianuarie", 1), ("februarie", 2), ("martie", 3), ("aprilie", 4), ("iunie", 6),
    ("iulie", 7), ("septembrie", 9), ("octombrie", 10), ("noiembrie", 11), ("decembrie", 12),
    # Greek, genitive as dates print them, and the abbreviations.
    ("ιανουαρίου ιαν", 1), ("φεβρουαρίου φεβ", 2), ("μαρτίου μαρ", 3),
    ("απριλίου απρ", 4), ("μαΐου μαίου μαΐ", 5), ("ιουνίου ιουν", 6), ("ιουλίου ιουλ", 7),
    ("αυγούστου αυγ", 8), ("σεπτεμβρίου σεπ", 9), ("οκτωβρίου οκτ", 10),
    ("νοεμβρίου νοε", 11), ("δεκεμβρίου δεκ", 12),
    # Swedish, Norwegian, Danish, Icelandic, Estonian (what the others do not spell).
    ("janúar jaanuar", 1), ("febrúar veebruar", 2), ("marts märts", 3),
    ("apríl aprill", 4), ("maí", 5), ("júní juuni", 6), ("júlí juuli", 7),
    ("augusti ágúst", 8), ("oktoober", 10), ("nóvember", 11), ("desember detsember", 12),
    # Finnish (partitive, as "16. marraskuuta 2019" prints it).
    ("tammikuuta", 1), ("helmikuuta", 2), ("maaliskuuta", 3), ("huhtikuuta", 4),
    ("toukokuuta", 5), ("kesäkuuta", 6), ("heinäkuuta", 7), ("elokuuta", 8),
    ("syyskuuta", 9), ("lokakuuta", 10), ("marraskuuta", 11), ("joulukuuta", 12),
    # Indonesian and Malay.
    ("maret mac", 3), ("julai", 7), ("agustus ogos agu", 8), ("nop", 11), ("disember", 12),
    # Lithuanian (genitive), Albanian.
    ("sausio janar", 1), ("vasario shkurt", 2), ("kovo", 3), ("balandžio prill", 4),
    ("gegužės", 5), ("birželio qershor", 6), ("liepos korrik", 7), ("rugpjūčio gusht", 8),
    ("rugsėjo shtator", 9), ("spalio tetor", 10), ("lapkričio nëntor", 11),
    ("gruodžio dhjetor", 12),
    # Catalan; Spanish "setiembre"; French, German, Spanish, Italian, Dutch abbreviations.
    ("gener janv gen ene", 1), ("febrer févr fevr fév", 2), ("març mrt mär mrz", 3),
    ("avr abr", 4), ("maig", 5), ("juny giu", 6), ("juliol juil lug", 7),
    ("agost ago", 8), ("setembre setiembre", 9), ("ott", 10),
    ("desembre déc dez dic", 12),
    # Hindi (Devanagari), both spellings of the nasal.
    ("जनवरी", 1), ("फरवरी फ़रवरी", 2), ("मार्च", 3), ("अप्रैल", 4), ("मई", 5), ("जून", 6),
    ("जुलाई", 7), ("अगस्त", 8), ("सितंबर सितम्बर", 9), ("अक्टूबर अक्तूबर", 10),
    ("नवंबर नवम्बर", 11), ("दिसंबर दिसम्बर", 12),
    # Hebrew, bare and with the prefix ב ("ב16 בנובמבר 2019").
    ("ינואר בינואר", 1), ("פברואר בפברואר", 2), ("מרץ במרץ מרס במרס", 3),
    ("אפריל באפריל", 4), ("מאי במאי", 5), ("יוני ביוני", 6), ("יולי ביולי", 7),
    ("אוגוסט באוגוסט", 8), ("ספטמבר בספטמבר", 9), ("אוקטובר באוקטובר", 10),
    ("נובמבר בנובמבר", 11), ("דצמבר בדצמבר", 12),
    # Arabic: the names of Egypt and the Gulf, of Algeria and Tunisia, of Morocco, and
    # the Levant's Syriac-derived ones (the two-word ones are below), with and
    # without hamza; Persian's names of the Gregorian months.
    ("يناير جانفي ژانویه", 1), ("فبراير فيفري فوریه", 2),
    ("مارس آذار اذار", 3), ("أبريل ابريل إبريل أفريل افريل نيسان آوریل", 4),
    ("مايو ماي أيار ايار مه مئی", 5), ("يونيو يونيه جوان حزيران ژوئن", 6),
    ("يوليو يوليه جويلية يوليوز تموز ژوئیه ژوییه", 7),
    ("أغسطس اغسطس أوت اوت غشت آب", 8), ("سبتمبر شتنبر أيلول ايلول سپتامبر", 9),
    ("أكتوبر اكتوبر اکتبر", 10), ("نوفمبر نونبر نوامبر", 11),
    ("ديسمبر دجنبر دسامبر", 12), ("شباط", 2),
    # Thai, full and abbreviated (the final dot is optional in the patterns).
    ("มกราคม ม.ค", 1), ("กุมภาพันธ์ ก.พ", 2), ("มีนาคม มี.ค", 3), ("เมษายน เม.ย", 4),
    ("พฤษภาคม พ.ค", 5), ("มิถุนายน มิ.ย", 6), ("กรกฎาคม ก.ค", 7), ("สิงหาคม ส.ค", 8),
    ("กันยายน ก.ย", 9), ("ตุลาคม ต.ค", 10), ("พฤศจิกายน พ.ย", 11), ("ธันวาคม ธ.ค", 12),
)
# Month names of two words (the Levant's Arabic), matched with any run of spaces.
TWO_WORD_MONTHS = (
    ("كانون الثاني", 1), ("تشرين الأول", 10), ("تشرين الاول", 10),
    ("تشرين الثاني", 11), ("كانون الأول", 12), ("كانون الاول", 12),
)
# Category "Thai Buddhist years": a Thai month with a year of the Buddhist Era
# (2562 = 2019) is converted; such a year with any other month stays out of range.
THAI_MONTHS = frozenset(
    name for names, _ in WORLD_MONTH_SPELLINGS[-12:] for name in names.split()
)
BUDDHIST_ERA_OFFSET = 543
# Category "Solar Hijri dates" (Iranian press: ۲۵ آبان ۱۳۹۸), converted in date_calendars.
JALALI_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد امرداد", "شهریور",
            "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
        ),
        start=1,
    )
    for name in names.split()
}
