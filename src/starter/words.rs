//! The words of a new program (`circlekit init DIR`) in English, German and Spanish: the
//! prose of its home page, week guides, FAQ and kit. Placeholders in braces (`{weeks}`,
//! `{first}`, …) are filled in by [`super::blank`].

/// The texts of a new program in one language.
pub struct Words {
    /// The language's code.
    pub code: &'static str,
    /// The program's title when `--title` is not given.
    pub title: &'static str,
    /// The program's one-sentence description.
    pub description: &'static str,
    /// The home page's body. `{weeks}`: "1 week" / "3 weeks"; `{first}`: the first week's file.
    pub home: &'static str,
    /// "1 week" and "N weeks" (`{n}`).
    pub weeks: [&'static str; 2],
    /// Week 1's title (also its file name's slug).
    pub first_title: &'static str,
    /// Week 1's summary.
    pub first_summary: &'static str,
    /// The title of every later week (`{n}`).
    pub week_title: &'static str,
    /// The summary of every later week.
    pub week_summary: &'static str,
    /// The agenda's items: check-in, exercise, reflection, close.
    pub agenda: [&'static str; 4],
    /// The outcome every week lists.
    pub outcome: &'static str,
    /// A week guide's body. `{exercise}`: the exercise's title; `{minutes}`: its minutes;
    /// `{n}`: the week's number; `{kit}`: the kit's file, relative to the week.
    pub week: &'static str,
    /// The FAQ page.
    pub faq: &'static str,
    /// The kit's title, description and body.
    pub kit: [&'static str; 3],
}

/// The languages the starter is written in; any other language gets English text.
pub const ALL: &[&Words] = &[&EN, &DE, &ES];

/// The words for `lang`, English when circlekit has none in that language.
pub fn for_language(lang: &str) -> &'static Words {
    ALL.iter().find(|w| w.code == lang).copied().unwrap_or(&EN)
}

/// English.
pub const EN: Words = Words {
    code: "en",
    title: "My circle program",
    description: "A small group that meets once a week, follows a short guide and helps each member reach a goal.",
    home: r#"A circle is a group of 4 or 5 people who meet once a week for {weeks}. Each
meeting follows a short guide: a check-in, an exercise, a moment to reflect, and one
small step to take before the next meeting. One member moderates and keeps the time.

Say here in a few sentences who your program is for and what members take away.

## Start here

- Read the guide to [week 1]({first}) before your first meeting.
- Print or share the [circle agreement](kits/circle-agreement.md): the circle fills it in together.
- Questions? See the [FAQ](faq.md).

## Writing this program

Every page is a Markdown file under `content/`. `circlekit serve` shows your changes as
you save; `circlekit new week`, `new page` and `new kit` add guides, pages and
worksheets; `circlekit check` says what to fix, with file and line.
"#,
    weeks: ["1 week", "{n} weeks"],
    first_title: "Getting started",
    first_summary: "Meet each other, choose a goal, and agree how the circle works.",
    week_title: "Week {n}",
    week_summary: "One sentence on what this week is for.",
    agenda: ["Check-in", "Exercise", "Reflection", "Close"],
    outcome: "Each member knows the small step they take before the next meeting.",
    week: r#"Write two or three sentences on what this week is for, and how it builds on
the weeks before.

## Check-in

Round: each member says in a minute {each=1m} how they are and what happened since the last
meeting. The moderator goes first and keeps it short.

::: exercise {exercise} {minutes={minutes}}
1. On your own, answer the questions below (5 minutes).
2. Round: each member shares their answers in two minutes {each=2m}; the others listen and may
   ask one question each.
3. Together: what did you notice?

```worksheet {id=week-{n}}
- text: What do I want to get out of this circle?
  lines: 3
- text: Who could help me with it?
  lines: 2
```
:::

## Reflection

What did you learn about yourself or each other today? Each member says one sentence.

::: moderator
Only in the moderator edition: tips for running this week, and what to do when time
runs short. The [circle agreement]({kit}) helps when the group needs to settle how it works.
:::

## Close

The moderator thanks everyone and confirms the date of the next meeting.

::: before-next
- [ ] One small step toward your goal.
- [ ] Read the next week's guide.
:::
"#,
    faq: r#"---
title: Frequently asked questions
description: Short answers for members and moderators.
---

# Taking part

## What if I miss a meeting?

Let the circle know beforehand, read that week's guide and do its before-next steps on
your own. At the next check-in, tell the others in a sentence what you did.
"#,
    kit: [
        "Circle agreement",
        "How your circle meets and works together, filled in at the first meeting.",
        r#"Fill this in together at your first meeting; it takes about ten minutes.

```worksheet {id=agreement}
- text: We meet on (day, time, place or video link)
  lines: 2
- checklist: We agree
  items:
    - We come on time and let the others know when we cannot.
    - What is said in the circle stays in the circle.
    - Everyone gets a turn; we keep our own turns short.
- text: Signed
  lines: 2
```
"#,
    ],
};

/// German.
pub const DE: Words = Words {
    code: "de",
    title: "Mein Kreisprogramm",
    description: "Eine kleine Gruppe trifft sich einmal pro Woche, folgt einem kurzen Leitfaden und hilft jedem Mitglied, ein Ziel zu erreichen.",
    home: r#"Ein Kreis ist eine Gruppe von 4 oder 5 Menschen, die sich {weeks} lang einmal pro
Woche treffen. Jedes Treffen folgt einem kurzen Leitfaden: ein Check-in, eine Übung,
ein Moment zum Nachdenken und ein kleiner Schritt bis zum nächsten Treffen. Ein Mitglied
moderiert und achtet auf die Zeit.

Beschreibe hier in ein paar Sätzen, für wen dein Programm gedacht ist und was die
Mitglieder mitnehmen.

## Hier beginnen

- Lies den Leitfaden für [Woche 1]({first}) vor dem ersten Treffen.
- Drucke oder teile die [Kreisvereinbarung](kits/circle-agreement.md): Der Kreis füllt sie gemeinsam aus.
- Fragen? Siehe die [häufigen Fragen](faq.md).

## Dieses Programm schreiben

Jede Seite ist eine Markdown-Datei unter `content/`. `circlekit serve` zeigt Änderungen
beim Speichern; `circlekit new week`, `new page` und `new kit` legen Leitfäden, Seiten
und Arbeitsblätter an; `circlekit check` sagt mit Datei und Zeile, was zu korrigieren ist.
"#,
    weeks: ["1 Woche", "{n} Wochen"],
    first_title: "Der Anfang",
    first_summary: "Einander kennenlernen, ein Ziel wählen und vereinbaren, wie der Kreis arbeitet.",
    week_title: "Woche {n}",
    week_summary: "Ein Satz dazu, wofür diese Woche da ist.",
    agenda: ["Check-in", "Übung", "Reflexion", "Abschluss"],
    outcome: "Jedes Mitglied kennt seinen kleinen Schritt bis zum nächsten Treffen.",
    week: r#"Beschreibe in zwei oder drei Sätzen, wofür diese Woche da ist und wie sie auf
den Wochen davor aufbaut.

## Check-in

Runde: Jedes Mitglied erzählt in einer Minute {each=1m}, wie es ihm geht und was seit dem letzten
Treffen passiert ist. Die Moderation beginnt und fasst sich kurz.

::: exercise {exercise} {minutes={minutes}}
1. Beantworte allein die Fragen unten (5 Minuten).
2. Runde: Jedes Mitglied teilt seine Antworten in zwei Minuten {each=2m}; die anderen hören zu und
   dürfen je eine Frage stellen.
3. Gemeinsam: Was ist euch aufgefallen?

```worksheet {id=week-{n}}
- text: Was möchte ich aus diesem Kreis mitnehmen?
  lines: 3
- text: Wer könnte mir dabei helfen?
  lines: 2
```
:::

## Reflexion

Was habt ihr heute über euch oder übereinander gelernt? Jedes Mitglied sagt einen Satz.

::: moderator
Nur in der Ausgabe für die Moderation: Tipps für diese Woche und was zu tun ist, wenn
die Zeit knapp wird. Die [Kreisvereinbarung]({kit}) hilft, wenn die Gruppe klären muss,
wie sie arbeitet.
:::

## Abschluss

Die Moderation dankt allen und bestätigt den Termin des nächsten Treffens.

::: before-next
- [ ] Ein kleiner Schritt in Richtung deines Ziels.
- [ ] Den Leitfaden der nächsten Woche lesen.
:::
"#,
    faq: r#"---
title: Häufige Fragen
description: Kurze Antworten für Mitglieder und Moderation.
---

# Mitmachen

## Was ist, wenn ich ein Treffen verpasse?

Sag dem Kreis vorher Bescheid, lies den Leitfaden der Woche und erledige die Schritte
bis zum nächsten Treffen allein. Erzähl beim nächsten Check-in in einem Satz, was du
getan hast.
"#,
    kit: [
        "Kreisvereinbarung",
        "Wie euer Kreis sich trifft und zusammenarbeitet, beim ersten Treffen ausgefüllt.",
        r#"Füllt sie beim ersten Treffen gemeinsam aus; das dauert etwa zehn Minuten.

```worksheet {id=agreement}
- text: Wir treffen uns (Tag, Uhrzeit, Ort oder Videolink)
  lines: 2
- checklist: Wir vereinbaren
  items:
    - Wir kommen pünktlich und sagen Bescheid, wenn wir nicht können.
    - Was im Kreis gesagt wird, bleibt im Kreis.
    - Alle kommen zu Wort; wir fassen uns kurz.
- text: Unterschriften
  lines: 2
```
"#,
    ],
};

/// Spanish.
pub const ES: Words = Words {
    code: "es",
    title: "Mi programa de círculos",
    description: "Un grupo pequeño que se reúne una vez por semana, sigue una guía breve y ayuda a cada miembro a alcanzar una meta.",
    home: r#"Un círculo es un grupo de 4 o 5 personas que se reúnen una vez por semana durante
{weeks}. Cada reunión sigue una guía breve: una ronda de apertura, un ejercicio, un
momento para reflexionar y un pequeño paso antes de la próxima reunión. Un miembro
modera y cuida el tiempo.

Cuenta aquí en pocas frases para quién es tu programa y qué se llevan los miembros.

## Empieza aquí

- Lee la guía de la [semana 1]({first}) antes de la primera reunión.
- Imprime o comparte el [acuerdo del círculo](kits/circle-agreement.md): el círculo lo completa junto.
- ¿Preguntas? Consulta las [preguntas frecuentes](faq.md).

## Escribir este programa

Cada página es un archivo Markdown dentro de `content/`. `circlekit serve` muestra los
cambios al guardar; `circlekit new week`, `new page` y `new kit` añaden guías, páginas y
hojas de trabajo; `circlekit check` indica qué corregir, con archivo y línea.
"#,
    weeks: ["1 semana", "{n} semanas"],
    first_title: "Primeros pasos",
    first_summary: "Conocerse, elegir una meta y acordar cómo funciona el círculo.",
    week_title: "Semana {n}",
    week_summary: "Una frase sobre para qué sirve esta semana.",
    agenda: ["Ronda de apertura", "Ejercicio", "Reflexión", "Cierre"],
    outcome: "Cada miembro sabe qué pequeño paso dará antes de la próxima reunión.",
    week: r#"Escribe dos o tres frases sobre para qué sirve esta semana y cómo se apoya en
las semanas anteriores.

## Ronda de apertura

Ronda: cada miembro cuenta en un minuto {each=1m} cómo está y qué ha pasado desde la última
reunión. Quien modera empieza y es breve.

::: exercise {exercise} {minutes={minutes}}
1. Responde a solas las preguntas de abajo (5 minutos).
2. Ronda: cada miembro comparte sus respuestas en dos minutos {each=2m}; los demás escuchan y
   pueden hacer una pregunta cada uno.
3. Juntos: ¿qué os ha llamado la atención?

```worksheet {id=week-{n}}
- text: ¿Qué quiero sacar de este círculo?
  lines: 3
- text: ¿Quién podría ayudarme?
  lines: 2
```
:::

## Reflexión

¿Qué habéis aprendido hoy sobre vosotros o sobre los demás? Cada miembro dice una frase.

::: moderator
Solo en la edición para moderar: consejos para esta semana y qué hacer si falta
tiempo. El [acuerdo del círculo]({kit}) ayuda cuando el grupo necesita aclarar cómo
funciona.
:::

## Cierre

La moderación da las gracias y confirma la fecha de la próxima reunión.

::: before-next
- [ ] Un pequeño paso hacia tu meta.
- [ ] Leer la guía de la próxima semana.
:::
"#,
    faq: r#"---
title: Preguntas frecuentes
description: Respuestas breves para miembros y para quien modera.
---

# Participar

## ¿Qué pasa si falto a una reunión?

Avisa al círculo antes, lee la guía de esa semana y da por tu cuenta los pasos previstos
antes de la próxima reunión. En la siguiente ronda de apertura, cuenta en una frase lo
que hiciste.
"#,
    kit: [
        "Acuerdo del círculo",
        "Cómo se reúne y trabaja vuestro círculo, completado en la primera reunión.",
        r#"Completadlo juntos en la primera reunión; lleva unos diez minutos.

```worksheet {id=agreement}
- text: Nos reunimos (día, hora, lugar o enlace de vídeo)
  lines: 2
- checklist: Acordamos
  items:
    - Llegamos a tiempo y avisamos cuando no podemos venir.
    - Lo que se dice en el círculo se queda en el círculo.
    - Todos tienen su turno; somos breves en el nuestro.
- text: Firmas
  lines: 2
```
"#,
    ],
};
