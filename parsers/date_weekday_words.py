# ruff: noqa: E501  (a data table: one line per language reads better than wrapped tuples)
"""Day-of-week names per language, as data: CLDR's wide and abbreviated day names.

Generated from CLDR 49 (Babel 2.19.0's locale data, ``days``: the wide and abbreviated
names, format and stand-alone, a final dot dropped) for the languages of
``parsers.date_relative_words`` and Traditional Chinese. Each language: Monday's names
first, Sunday's last. ``parsers.date_yearless`` reads them beside a date printed without
its year; a spelling that names two days in two languages is not read.
"""

from __future__ import annotations

WEEKDAY_WORDS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ('en', (('Monday', 'Mon'), ('Tuesday', 'Tue'), ('Wednesday', 'Wed'), ('Thursday', 'Thu'), ('Friday', 'Fri'), ('Saturday', 'Sat'), ('Sunday', 'Sun'))),
    ('de', (('Montag', 'Mo'), ('Dienstag', 'Di'), ('Mittwoch', 'Mi'), ('Donnerstag', 'Do'), ('Freitag', 'Fr'), ('Samstag', 'Sa'), ('Sonntag', 'So'))),
    ('fr', (('lundi', 'lun'), ('mardi', 'mar'), ('mercredi', 'mer'), ('jeudi', 'jeu'), ('vendredi', 'ven'), ('samedi', 'sam'), ('dimanche', 'dim'))),
    ('es', (('lunes', 'lun'), ('martes', 'mar'), ('miércoles', 'mié'), ('jueves', 'jue'), ('viernes', 'vie'), ('sábado', 'sáb'), ('domingo', 'dom'))),
    ('it', (('lunedì', 'lun'), ('martedì', 'mar'), ('mercoledì', 'mer'), ('giovedì', 'gio'), ('venerdì', 'ven'), ('sabato', 'sab'), ('domenica', 'dom'))),
    ('pt', (('segunda-feira', 'seg'), ('terça-feira', 'ter'), ('quarta-feira', 'qua'), ('quinta-feira', 'qui'), ('sexta-feira', 'sex'), ('sábado', 'sáb'), ('domingo', 'dom'))),
    ('nl', (('maandag', 'ma'), ('dinsdag', 'di'), ('woensdag', 'wo'), ('donderdag', 'do'), ('vrijdag', 'vr'), ('zaterdag', 'za'), ('zondag', 'zo'))),
    ('ru', (('понедельник', 'пн'), ('вторник', 'вт'), ('среда', 'ср'), ('четверг', 'чт'), ('пятница', 'пт'), ('суббота', 'сб'), ('воскресенье', 'вс'))),
    ('uk', (('понеділок', 'пн'), ('вівторок', 'вт'), ('середа', 'ср'), ('четвер', 'чт'), ('пʼятниця', 'пт'), ('субота', 'сб'), ('неділя', 'нд'))),
    ('pl', (('poniedziałek', 'pon'), ('wtorek', 'wt'), ('środa', 'śr'), ('czwartek', 'czw'), ('piątek', 'pt'), ('sobota', 'sob'), ('niedziela', 'niedz'))),
    ('cs', (('pondělí', 'po'), ('úterý', 'út'), ('středa', 'st'), ('čtvrtek', 'čt'), ('pátek', 'pá'), ('sobota', 'so'), ('neděle', 'ne'))),
    ('sk', (('pondelok', 'po'), ('utorok', 'ut'), ('streda', 'st'), ('štvrtok', 'št'), ('piatok', 'pi'), ('sobota', 'so'), ('nedeľa', 'ne'))),
    ('sv', (('måndag', 'mån'), ('tisdag', 'tis'), ('onsdag', 'ons'), ('torsdag', 'tors'), ('fredag', 'fre'), ('lördag', 'lör'), ('söndag', 'sön'))),
    ('nb', (('mandag', 'man'), ('tirsdag', 'tir'), ('onsdag', 'ons'), ('torsdag', 'tor'), ('fredag', 'fre'), ('lørdag', 'lør'), ('søndag', 'søn'))),
    ('da', (('mandag', 'man'), ('tirsdag', 'tirs'), ('onsdag', 'ons'), ('torsdag', 'tors'), ('fredag', 'fre'), ('lørdag', 'lør'), ('søndag', 'søn'))),
    ('fi', (('maanantaina', 'ma', 'maanantai'), ('tiistaina', 'ti', 'tiistai'), ('keskiviikkona', 'ke', 'keskiviikko'), ('torstaina', 'to', 'torstai'), ('perjantaina', 'pe', 'perjantai'), ('lauantaina', 'la', 'lauantai'), ('sunnuntaina', 'su', 'sunnuntai'))),
    ('tr', (('Pazartesi', 'Pzt'), ('Salı', 'Sal'), ('Çarşamba', 'Çar'), ('Perşembe', 'Per'), ('Cuma', 'Cum'), ('Cumartesi', 'Cmt'), ('Pazar', 'Paz'))),
    ('ko', (('월요일', '월'), ('화요일', '화'), ('수요일', '수'), ('목요일', '목'), ('금요일', '금'), ('토요일', '토'), ('일요일', '일'))),
    ('zh', (('星期一', '周一'), ('星期二', '周二'), ('星期三', '周三'), ('星期四', '周四'), ('星期五', '周五'), ('星期六', '周六'), ('星期日', '周日'))),
    ('zh_Hant', (('星期一', '週一'), ('星期二', '週二'), ('星期三', '週三'), ('星期四', '週四'), ('星期五', '週五'), ('星期六', '週六'), ('星期日', '週日'))),
    ('ja', (('月曜日', '月'), ('火曜日', '火'), ('水曜日', '水'), ('木曜日', '木'), ('金曜日', '金'), ('土曜日', '土'), ('日曜日', '日'))),
    ('ar', (('الاثنين',), ('الثلاثاء',), ('الأربعاء',), ('الخميس',), ('الجمعة',), ('السبت',), ('الأحد',))),
    ('vi', (('Thứ Hai', 'Thứ 2'), ('Thứ Ba', 'Thứ 3'), ('Thứ Tư', 'Thứ 4'), ('Thứ Năm', 'Thứ 5'), ('Thứ Sáu', 'Thứ 6'), ('Thứ Bảy', 'Thứ 7'), ('Chủ Nhật', 'CN'))),
    ('id', (('Senin', 'Sen'), ('Selasa', 'Sel'), ('Rabu', 'Rab'), ('Kamis', 'Kam'), ('Jumat', 'Jum'), ('Sabtu', 'Sab'), ('Minggu', 'Min'))),
    ('hu', (('hétfő', 'H'), ('kedd', 'K'), ('szerda', 'Sze'), ('csütörtök', 'Cs'), ('péntek', 'P'), ('szombat', 'Szo'), ('vasárnap', 'V'))),
    ('ro', (('luni', 'lun'), ('marți', 'mar'), ('miercuri', 'mie'), ('joi',), ('vineri', 'vin'), ('sâmbătă', 'sâm'), ('duminică', 'dum'))),
    ('el', (('Δευτέρα', 'Δευ'), ('Τρίτη', 'Τρί'), ('Τετάρτη', 'Τετ'), ('Πέμπτη', 'Πέμ'), ('Παρασκευή', 'Παρ'), ('Σάββατο', 'Σάβ'), ('Κυριακή', 'Κυρ'))),
    ('he', (('יום שני', 'יום ב׳'), ('יום שלישי', 'יום ג׳'), ('יום רביעי', 'יום ד׳'), ('יום חמישי', 'יום ה׳'), ('יום שישי', 'יום ו׳'), ('יום שבת', 'שבת'), ('יום ראשון', 'יום א׳'))),
    ('hi', (('सोमवार', 'सोम'), ('मंगलवार', 'मंगल'), ('बुधवार', 'बुध'), ('गुरुवार', 'गुरु'), ('शुक्रवार', 'शुक्र'), ('शनिवार', 'शनि'), ('रविवार', 'रवि'))),
    ('ca', (('dilluns', 'dl'), ('dimarts', 'dt'), ('dimecres', 'dc'), ('dijous', 'dj'), ('divendres', 'dv'), ('dissabte', 'ds'), ('diumenge', 'dg'))),
    ('hr', (('ponedjeljak', 'pon'), ('utorak', 'uto'), ('srijeda', 'sri'), ('četvrtak', 'čet'), ('petak', 'pet'), ('subota', 'sub'), ('nedjelja', 'ned'))),
    ('sl', (('ponedeljek', 'pon'), ('torek', 'tor'), ('sreda', 'sre'), ('četrtek', 'čet'), ('petek', 'pet'), ('sobota', 'sob'), ('nedelja', 'ned'))),
    ('bg', (('понеделник', 'пн'), ('вторник', 'вт'), ('сряда', 'ср'), ('четвъртък', 'чт'), ('петък', 'пт'), ('събота', 'сб'), ('неделя', 'нд'))),
    ('sr', (('понедељак', 'пон'), ('уторак', 'уто'), ('среда', 'сре'), ('четвртак', 'чет'), ('петак', 'пет'), ('субота', 'суб'), ('недеља', 'нед'))),
    ('et', (('esmaspäev', 'E'), ('teisipäev', 'T'), ('kolmapäev', 'K'), ('neljapäev', 'N'), ('reede', 'R'), ('laupäev', 'L'), ('pühapäev', 'P'))),
    ('lv', (('pirmdiena', 'pirmd', 'Pirmdiena', 'Pirmd'), ('otrdiena', 'otrd', 'Otrdiena', 'Otrd'), ('trešdiena', 'trešd', 'Trešdiena', 'Trešd'), ('ceturtdiena', 'ceturtd', 'Ceturtdiena', 'Ceturtd'), ('piektdiena', 'piektd', 'Piektdiena', 'Piektd'), ('sestdiena', 'sestd', 'Sestdiena', 'Sestd'), ('svētdiena', 'svētd', 'Svētdiena', 'Svētd'))),
    ('lt', (('pirmadienis', 'pr'), ('antradienis', 'an'), ('trečiadienis', 'tr'), ('ketvirtadienis', 'kt'), ('penktadienis', 'pn'), ('šeštadienis', 'št'), ('sekmadienis', 'sk'))),
    ('ms', (('Isnin', 'Isn'), ('Selasa', 'Sel'), ('Rabu', 'Rab'), ('Khamis', 'Kha'), ('Jumaat', 'Jum'), ('Sabtu', 'Sab'), ('Ahad', 'Ahd'))),
    ('th', (('วันจันทร์', 'จันทร์'), ('วันอังคาร', 'อังคาร'), ('วันพุธ', 'พุธ'), ('วันพฤหัสบดี', 'พฤหัส'), ('วันศุกร์', 'ศุกร์'), ('วันเสาร์', 'เสาร์'), ('วันอาทิตย์', 'อาทิตย์'))),
    ('fa', (('دوشنبه',), ('سه\u200cشنبه',), ('چهارشنبه',), ('پنجشنبه',), ('جمعه',), ('شنبه',), ('یکشنبه',))),
    ('bn', (('সোমবার', 'সোম'), ('মঙ্গলবার', 'মঙ্গল'), ('বুধবার', 'বুধ'), ('বৃহস্পতিবার', 'বৃহস্পতি'), ('শুক্রবার', 'শুক্র'), ('শনিবার', 'শনি'), ('রবিবার', 'রবি'))),
    ('ur', (('پیر',), ('منگل',), ('بدھ',), ('جمعرات',), ('جمعہ',), ('ہفتہ',), ('اتوار',))),
    ('ta', (('திங்கள்', 'திங்'), ('செவ்வாய்', 'செவ்'), ('புதன்', 'புத'), ('வியாழன்', 'வியா'), ('வெள்ளி', 'வெள்'), ('சனி',), ('ஞாயிறு', 'ஞாயி'))),
)
