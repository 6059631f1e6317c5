/* Sending a card as a message, and opening one.
 *
 * A link to a card carries the card inside its fragment (after "#"), which browsers never send to a
 * server: "v1." then the design and the sender's words as JSON, compressed (raw DEFLATE, the
 * browser's own CompressionStream) and base64url-encoded. Nothing is stored anywhere.
 *
 * On the check page ([data-share]) the sender makes the link; it is refused kindly when it would be
 * longer than messaging apps take. On /shared ([data-shared]) the link is read, the words are posted
 * to the live-preview endpoint like any preview, and the card is shown, front first, then opened
 * (folded.js turns it; it moves only for people who have not asked for less motion). A damaged link,
 * or one for a design we no longer have, gets a kind message; a refusal (a paused budget, a stale
 * security token) gets the page's own fixed words, never the server's, which are written for the
 * sender. Text goes into the page only as text.
 */
(function () {
  "use strict";

  var VERSION = "v1.";
  // Short keys keep links short; the design is "c".
  var KEYS = { recipient: "r", baby_name: "b", date: "d", message: "m", signoff: "o", sender: "s", size: "z" };
  var MAX_TOKEN = 8000; // far beyond any link we make: anything longer is not ours
  var MAX_UNPACKED = 16384; // bytes of JSON; a link can't unpack into more (no "zip bombs")
  var MAX_VALUE = 2000; // characters in one field (the server checks the real limits)
  var SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

  function canPack() {
    return !!(window.CompressionStream && window.TextEncoder && window.Blob && window.Response);
  }

  function canUnpack() {
    return !!(window.DecompressionStream && window.TextDecoder && window.Blob && window.Response && window.fetch);
  }

  function toBase64url(bytes) {
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64url(text) {
    var padded = text.replace(/-/g, "+").replace(/_/g, "/");
    while (padded.length % 4) padded += "=";
    var binary = atob(padded);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function pack(card) {
    var json = new TextEncoder().encode(JSON.stringify(card));
    var stream = new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (buffer) {
      return VERSION + toBase64url(new Uint8Array(buffer));
    });
  }

  // Read at most MAX_UNPACKED bytes from the decompressed stream, then give up.
  function unpack(token) {
    if (token.length > MAX_TOKEN || token.indexOf(VERSION) !== 0) return Promise.reject(new Error("damaged"));
    var body = token.slice(VERSION.length);
    if (!/^[A-Za-z0-9_-]+$/.test(body)) return Promise.reject(new Error("damaged"));
    var bytes;
    try {
      bytes = fromBase64url(body);
    } catch (error) {
      return Promise.reject(new Error("damaged"));
    }
    var reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    var chunks = [];
    var total = 0;
    function read() {
      return reader.read().then(function (step) {
        if (step.done) return;
        total += step.value.length;
        if (total > MAX_UNPACKED) {
          reader.cancel();
          throw new Error("damaged");
        }
        chunks.push(step.value);
        return read();
      });
    }
    return read()
      .then(function () {
        var all = new Uint8Array(total);
        var at = 0;
        chunks.forEach(function (chunk) {
          all.set(chunk, at);
          at += chunk.length;
        });
        return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(all));
      })
      .catch(function () {
        throw new Error("damaged");
      })
      .then(readCard);
  }

  // The card from its JSON: a known shape, or "damaged".
  function readCard(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("damaged");
    if (typeof data.c !== "string" || !SLUG.test(data.c)) throw new Error("damaged");
    var fields = {};
    Object.keys(KEYS).forEach(function (name) {
      var value = data[KEYS[name]];
      if (value === undefined) return;
      if (typeof value !== "string" || value.length > MAX_VALUE) throw new Error("damaged");
      fields[name] = value;
    });
    return { design: data.c, fields: fields };
  }

  /* ---- the check page: make the link ---- */

  function setUpMaker(section) {
    var controls = section.querySelector("[data-share-controls]");
    var noScript = section.querySelector("[data-share-nojs]");
    var result = section.querySelector("[data-share-result]");
    var linkBox = section.querySelector("[data-share-link]");
    var lengthNote = section.querySelector("[data-share-length]");
    var status = section.querySelector("[data-share-status]");
    var copy = section.querySelector("[data-share-copy]");
    var send = section.querySelector("[data-share-send]");
    var most = Number(section.dataset.shareMax) || 2000;
    if (!canPack()) {
      noScript.textContent =
        "This browser can’t make a link to the card. You can still send the front of the card as a picture, below, with your own words in the message.";
      return;
    }
    noScript.hidden = true;
    controls.hidden = false;

    function card() {
      var data = { c: section.dataset.shareDesign };
      var letters = 0;
      section.querySelectorAll("[data-share-field]").forEach(function (input) {
        var key = KEYS[input.dataset.shareField];
        if (!key || !input.value) return;
        data[key] = input.value;
        if (key !== "z") letters += input.value.length;
      });
      return { data: data, letters: letters };
    }

    section.querySelector("[data-share-make]").addEventListener("click", function () {
      var made = card();
      pack(made.data).then(function (token) {
        var link = new URL(section.dataset.sharePage, window.location.href).href + "#" + token;
        if (link.length > most) {
          result.hidden = true;
          linkBox.value = "";
          // How much shorter the words would need to be, from how much link each character makes.
          var over = link.length - most;
          var cut = Math.ceil((over * made.letters) / Math.max(token.length, 1) / 10) * 10 + 10;
          status.textContent =
            "Your card would make a link of " +
            link.length.toLocaleString("en") +
            " characters, and some messaging apps cut or refuse links longer than " +
            most.toLocaleString("en") +
            ", so it might not arrive whole. Shortening your words by about " +
            cut +
            " characters would make it fit. Or send the front as a picture, below, with your words in the message.";
          section.dataset.shareState = "too-long";
          return;
        }
        linkBox.value = link;
        lengthNote.textContent = link.length.toLocaleString("en") + " characters: short enough for messaging apps.";
        result.hidden = false;
        send.hidden = !navigator.share;
        status.textContent = "Your link is ready. Copy it and paste it into a message.";
        section.dataset.shareState = "made";
        linkBox.focus();
        linkBox.select();
      });
    });

    copy.addEventListener("click", function () {
      linkBox.select();
      var done = function () {
        status.textContent = "Copied. Paste it into a message to send it.";
      };
      var manual = function () {
        status.textContent = "Please copy the link from the box above (it is selected).";
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(linkBox.value).then(done, manual);
      } else {
        manual();
      }
    });

    send.addEventListener("click", function () {
      navigator.share({ title: "A card for you", url: linkBox.value }).catch(function () {});
    });
  }

  /* ---- /shared: open the card ---- */

  function setUpOpener(root) {
    var loading = root.querySelector("[data-shared-loading]");
    root.querySelector("[data-shared-nojs]").hidden = true;

    function problem(name) {
      loading.hidden = true;
      var box = root.querySelector('[data-shared-problem="' + name + '"]');
      box.hidden = false;
      box.setAttribute("role", "alert");
      root.dataset.sharedState = name;
    }

    if (!canUnpack()) return problem("old-browser");
    loading.hidden = false;
    loading.textContent = "Opening the card…";
    root.dataset.sharedState = "loading";

    unpack(window.location.hash.slice(1))
      .then(function (card) {
        return ask(card).then(function (answer) {
          if (answer.problem) return problem(answer.problem);
          return show(answer.data, card);
        });
      })
      .catch(function (error) {
        problem(error && error.message === "damaged" ? "damaged" : "failed");
      });

    function ask(card) {
      var body = new URLSearchParams();
      body.set("csrf_token", root.dataset.csrf);
      Object.keys(card.fields).forEach(function (name) {
        body.set(name, card.fields[name]);
      });
      // Pictures as sharp as the widest a panel is shown (a top-fold card's, across the screen);
      // the server keeps this within its own bounds.
      var wide = Math.min(document.documentElement.clientWidth || 600, 600);
      body.set("width", String(Math.round(wide * (window.devicePixelRatio || 1))));
      var url = root.dataset.previewPattern.replace("__slug__", encodeURIComponent(card.design));
      return fetch(url, {
        method: "POST",
        body: body,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      }).then(function (response) {
        if (response.status === 404) return { problem: "unknown-design" };
        if (response.status === 429) return { problem: "busy" };
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) return { problem: "failed" };
        return response.json().then(function (data) {
          if (data.panels === undefined) return { problem: "failed" };
          if (!data.ok || !data.panels) return { problem: "does-not-fit" };
          return { data: data };
        });
      });
    }

    function show(data, card) {
      var fragment = root.querySelector("template[data-shared-card]").content.cloneNode(true);
      var byName = {};
      data.panels.forEach(function (panel) {
        byName[panel.name] = panel;
      });
      if (!byName.front || !byName.inside || !byName.back) return problem("failed");
      fragment.querySelectorAll("[data-pages] img[data-panel]").forEach(function (img) {
        var panel = byName[img.dataset.panel];
        img.width = panel.width;
        img.height = panel.height;
        img.alt = panel.alt;
        img.src = panel.src;
      });
      // A side fold opens to a spread twice as wide as the front; a top fold to one twice as tall.
      if (byName.inside.width < byName.front.width * 1.5) {
        var folded = fragment.querySelector("[data-folded]");
        folded.classList.remove("fold-side");
        folded.classList.add("fold-top");
      }
      var words = fragment.querySelector("[data-card-words]");
      (data.words || []).forEach(function (panel) {
        var term = document.createElement("dt");
        term.textContent = panel.label;
        words.append(term);
        if (!panel.lines.length) {
          var none = document.createElement("dd");
          none.className = "no-words";
          none.textContent = "No words";
          words.append(none);
        }
        panel.lines.forEach(function (line) {
          var item = document.createElement("dd");
          item.dir = "auto";
          item.textContent = line;
          words.append(item);
        });
      });
      var images = Array.prototype.map.call(fragment.querySelectorAll("[data-pages] img"), function (img) {
        return img.decode ? img.decode().catch(function () {}) : Promise.resolve();
      });
      return Promise.all(images).then(function () {
        root.insertBefore(fragment, loading.nextSibling);
        // Whom it is from, as the card itself says (the page's title stays general).
        if (card.fields.sender) {
          var name = document.createElement("bdi");
          name.textContent = card.fields.sender;
          root.querySelector("h1").replaceChildren("A card from ", name);
        }
        loading.hidden = true;
        loading.textContent = "";
        var script = document.createElement("script");
        script.src = root.dataset.foldedScript;
        script.addEventListener("load", function () {
          openCard(root.querySelector("[data-preview]"));
        });
        document.head.append(script);
      });
    }

    // Front first; then, unless the reader asked for less motion, the card opens by itself.
    function openCard(preview) {
      var toFolded = preview.querySelector('[data-view="folded"]');
      if (toFolded) toFolded.click();
      root.dataset.sharedState = "shown";
      var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      if (still) return;
      window.setTimeout(function () {
        var open = preview.querySelector('[data-fold="open"]');
        if (open && preview.querySelector("[data-folded]").dataset.state === "front") open.click();
        root.dataset.sharedState = "opened";
      }, 1400);
    }
  }

  function start() {
    var maker = document.querySelector("[data-share]");
    if (!maker || maker.dataset.shareStarted) return;
    maker.dataset.shareStarted = "true";
    setUpMaker(maker);
  }

  start();
  // The check page rebuilt in place from the words kept in the tab (keep_words.js).
  document.addEventListener("page:replaced", start);
  var opener = document.querySelector("[data-shared]");
  if (opener) setUpOpener(opener);
})();
