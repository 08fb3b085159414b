/* circlekit: reading offline. Each language a reader opens is kept (its pages, the theme's
   files and its search index: the list in <language>/offline.json) in a cache named after a
   hash of the site's content, so a new version of the site is kept anew and the old one
   dropped. PDFs kept from the Circle Kit page and images seen stay in a cache of their own.
   Everything comes from the network first, so a new version is never hidden behind an old
   copy; the caches answer when the network does not, and offline.html for pages never kept. */
"use strict";
var VERSION = "__VERSION__";
var SCOPE = self.registration.scope;
var PREFIX = "circlekit|" + SCOPE + "|";
var KEPT = PREFIX + "kept";
var MINE = "|" + VERSION;

function languageCache(lang) { return PREFIX + lang + MINE; }

/* The languages kept so far, in any version: "" for the default one, "de/" for others. */
function keptLanguages() {
  return caches.keys().then(function (names) {
    var langs = [];
    names.forEach(function (n) {
      var parts = n.slice(PREFIX.length).split("|");
      if (n.indexOf(PREFIX) === 0 && parts.length === 2 && langs.indexOf(parts[0]) < 0) langs.push(parts[0]);
    });
    return langs;
  });
}

/* Keeps a language's files for this version, unless they are kept already. */
function keep(lang) {
  return caches.open(languageCache(lang)).then(function (cache) {
    return cache.match(SCOPE + lang + "offline.html").then(function (done) {
      if (done) return;
      return fetch(SCOPE + lang + "offline.json", { cache: "no-cache" }).then(function (r) {
        return r.ok ? r.json() : null;
      }).then(function (list) {
        /* A list of another version means a newer site is on its way: it keeps itself. */
        if (!list || list.version !== VERSION) return;
        return cache.addAll(list.files.map(function (f) {
          return new Request(SCOPE + f, { cache: "no-cache" });
        }));
      });
    });
  });
}

self.addEventListener("install", function (e) {
  e.waitUntil(keptLanguages().then(function (langs) {
    return Promise.all(langs.map(keep));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) {
      return n.indexOf(PREFIX) === 0 && n !== KEPT && n.slice(-MINE.length) !== MINE;
    }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

/* A page tells which language it is in by its language's root address. */
self.addEventListener("message", function (e) {
  var lang = String(e.data).slice(SCOPE.length);
  if (String(e.data).indexOf(SCOPE) === 0 && /^([A-Za-z0-9-]+\/)?$/.test(lang)) e.waitUntil(keep(lang));
});

/* Where a file is kept: its address without query or fragment; a folder for its index.html. */
function address(url) {
  var u = new URL(url);
  u.search = "";
  u.hash = "";
  return u.href.replace(/\/index\.html$/, "/");
}

/* The caches of this version, the language with the longest prefix first, then KEPT. */
function mine() {
  return caches.keys().then(function (names) {
    return names.filter(function (n) {
      return n === KEPT || (n.indexOf(PREFIX) === 0 && n.slice(-MINE.length) === MINE);
    }).sort(function (a, b) { return b.length - a.length; });
  });
}

function fromCache(url) {
  return mine().then(function (names) {
    return names.reduce(function (found, n) {
      return found.then(function (hit) {
        return hit || caches.open(n).then(function (c) { return c.match(url); });
      });
    }, Promise.resolve(undefined));
  });
}

/* The offline page of the language the address is in (else of any language kept), with a
   <base> so that its relative links work at whatever address it is shown. */
function offlinePage(url) {
  return mine().then(function (names) {
    var langs = names.filter(function (n) { return n !== KEPT; }).map(function (n) {
      return n.slice(PREFIX.length, -MINE.length);
    });
    var lang = langs.filter(function (l) { return url.indexOf(SCOPE + l) === 0; })[0];
    if (lang === undefined) lang = langs[0];
    var page = SCOPE + lang + "offline.html";
    return lang === undefined ? null : caches.open(languageCache(lang)).then(function (c) {
      return c.match(page);
    }).then(function (hit) {
      return hit && hit.text().then(function (html) {
        return new Response(html.replace("<head>", '<head><base href="' + page + '">'), {
          headers: { "Content-Type": "text/html; charset=utf-8" }
        });
      });
    });
  }).then(function (r) { return r || Response.error(); });
}

self.addEventListener("fetch", function (e) {
  var r = e.request, url = address(r.url);
  if (r.method !== "GET" || url.indexOf(SCOPE) !== 0) return;
  var image = r.destination === "image", pdf = /\.pdf$/i.test(url);
  e.respondWith(fetch(r).then(function (res) {
    /* Images seen are kept; a kept PDF is kept up to date. */
    if (res.status === 200 && res.type === "basic" && (image || pdf)) {
      var copy = res.clone();
      e.waitUntil(caches.open(KEPT).then(function (c) {
        return (image ? Promise.resolve(true) : c.match(url)).then(function (had) {
          return had && c.put(url, copy);
        });
      }));
    }
    return res;
  }, function () {
    return fromCache(url).then(function (hit) {
      return hit || (r.mode === "navigate" ? offlinePage(url) : Response.error());
    });
  }));
});
