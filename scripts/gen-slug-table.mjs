// Writes tests/testsuite/fixtures/github_slugs/slugs.tsv: headings in many scripts with the
// ids GitHub's own slugger (npm `github-slugger`) gives them, one fresh slugger per heading;
// and repeats.json beside it: pages of repeated headings with the ids of one slugger each.
// The table is committed; the package is not. To regenerate:
//   npm install --prefix /tmp/slugger github-slugger
//   node scripts/gen-slug-table.mjs /tmp/slugger
import { writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

const prefix = process.argv[2] ?? '/tmp/slugger'
const module = pathToFileURL(`${prefix}/node_modules/github-slugger/index.js`)
const { default: GithubSlugger } = await import(module.href)

const headings = [
  // Latin, with accents, punctuation, emoji and variation selectors
  'How long does a circle last?',
  'Week 3: Your network',
  'Exercise 1: Your relationship list',
  'Über uns & mehr',
  'Übung 1: Ihre Beziehungsliste',
  'Ejercicio 1: tu lista de relaciones',
  '¿Cuánto dura un círculo?',
  'Ça commence où ?',
  'Naïve café — déjà vu',
  'Łódź, Kraków i Gdańsk',
  'Ørsted og Ærø',
  'snake_case-ok',
  'Hello, World!',
  'What’s “new” in v2.0?',
  'C++ & C# (2024)',
  'Step 1/2: Set up',
  'Party 🎉 time',
  'Done ✔️ well',
  'Love ❤️ and 😄',
  'Keycap 1️⃣ two',
  'Tabs\tand\u00a0spaces',
  'Non\u2011breaking hyphen',
  'Under‿tie ⁀ chars',
  'Ǆemal and ǅ',
  'e\u0301 combining acute',
  // Greek
  'Τι είναι ένας κύκλος;',
  'ΟΔΟΣ Σοφίας',
  'Άσκηση 1: Η λίστα σας',
  // Cyrillic
  'Сколько длится круг?',
  'Упражнение 1: ваш список',
  'Їжак і ґанок',
  // Hebrew
  'כמה זמן נמשך מעגל?',
  'תרגיל 1: הרשימה שלך',
  'שָׁלוֹם עֲלֵיכֶם',
  // Arabic (ar, fa)
  'كم تستمر الدائرة؟',
  'التمرين ١: قائمة علاقاتك',
  'مَرْحَبًا بِكُمْ',
  'تمرین ۱: فهرست روابط شما',
  'هفته‌ی سوم',
  // Devanagari
  'एक सर्कल कितने समय तक चलता है?',
  'अभ्यास १: आपकी संबंध सूची',
  'क़िस्सा और ज़िंदगी',
  // Bengali
  'অনুশীলন ১: আপনার সম্পর্কের তালিকা',
  'বৃত্ত কতক্ষণ চলে?',
  'ড়য়ঢ় আর ক্ষ',
  // Tamil
  'பயிற்சி 1: உங்கள் உறவுப் பட்டியல்',
  'வட்டம் எவ்வளவு காலம் நீடிக்கும்?',
  'தமிழ் மொழி',
  // Thai
  'วงกลมใช้เวลานานเท่าไร',
  'แบบฝึกหัดที่ ๑',
  // Japanese
  'サークルはどのくらい続きますか？',
  '練習 1：あなたの人間関係リスト',
  '第3週　あなたのネットワーク',
  'ｶﾀｶﾅ と ＡＢＣ１２３',
  // Korean
  '서클은 얼마나 오래 지속되나요?',
  '연습 1: 당신의 관계 목록',
  // Simplified and traditional Han
  '圈子持续多久？',
  '练习一：你的关系清单',
  '練習一：你的關係清單',
  // Armenian, Georgian, Ethiopic
  'Բարև Ձեզ',
  'გამარჯობა მეგობარო',
  'ሰላም ለዓለም',
  // Numbers of other kinds
  'Ⅻ weeks and ½ an hour',
  'Chapter ⅳ — ①②③',
  'x² + y³',
]

const rows = headings.map((h) => {
  if (h.includes('\n')) throw new Error(`no newlines in headings: ${h}`)
  const id = new GithubSlugger().slug(h)
  return `${JSON.stringify(h)}\t${JSON.stringify(id)}`
})
const header = '# heading (JSON string)\tGitHub id (JSON string), from scripts/gen-slug-table.mjs with github-slugger\n'
writeFileSync(new URL('../tests/testsuite/fixtures/github_slugs/slugs.tsv', import.meta.url), header + rows.join('\n') + '\n')
console.log(`${rows.length} headings`)

const pages = [
  ['Notes', 'Notes', 'Notes'],
  ['Notes', 'Notes-1', 'Notes'],
  ['Übung', 'Übung', 'Übung 1', 'Übung'],
  ['பயிற்சி', 'பயிற்சி', 'பயிற்சி'],
]
const repeats = pages.map((headings) => {
  const slugger = new GithubSlugger()
  return { headings, ids: headings.map((h) => slugger.slug(h)) }
})
writeFileSync(new URL('../tests/testsuite/fixtures/github_slugs/repeats.json', import.meta.url), JSON.stringify(repeats, null, 2) + '\n')
