// The drill (刷题): the question bank one card at a time, scheduled with Leitner boxes, with
// progress kept only in this browser (localStorage, one entry per edition). The question
// bank page uses the same progress to show how many questions of each topic are known.
(function () {
  "use strict";

  const FORMAT = "mlkb-drill-progress";
  const VERSION = 1;
  const DAY = 24 * 60 * 60 * 1000;
  const MAX_BOX = 5;
  const INTERVAL_DAYS = [0, 0, 1, 3, 7, 16]; // by box: box 1 is due at once, box 5 after 16 days
  const RETRY_GAP = 3; // a missed card comes back after this many other cards

  function storageKey(lang) {
    return "mlkb-drill:" + lang;
  }

  function isCard(card) {
    return card && Number.isInteger(card.box) && card.box >= 1 && card.box <= MAX_BOX &&
      typeof card.due === "number" && (card.last === "known" || card.last === "missed");
  }

  // Cards of a stored or imported progress object; unknown ids and malformed cards are dropped.
  function cleanCards(progress, validIds) {
    const cards = {};
    if (!progress || progress.format !== FORMAT || typeof progress.cards !== "object" || !progress.cards) {
      return null;
    }
    for (const [id, card] of Object.entries(progress.cards)) {
      if ((!validIds || validIds.has(id)) && isCard(card)) {
        cards[id] = { box: card.box, due: card.due, last: card.last };
      }
    }
    return cards;
  }

  function loadCards(lang, validIds) {
    let stored = null;
    try {
      stored = JSON.parse(localStorage.getItem(storageKey(lang)) || "null");
    } catch (error) {
      stored = null;
    }
    return cleanCards(stored, validIds) || {};
  }

  function progressObject(lang, cards) {
    return { format: FORMAT, version: VERSION, lang: lang, cards: cards };
  }

  function saveCards(lang, cards) {
    try {
      localStorage.setItem(storageKey(lang), JSON.stringify(progressObject(lang, cards)));
    } catch (error) {
      // storage full or disabled: the drill still works for this visit
    }
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? values[name] : match));
  }

  // ---- the question bank: "known 3 / 8" next to each topic -------------------------------

  function showBankProgress() {
    const topics = document.querySelectorAll("[data-drill-topic]");
    if (!topics.length) return;
    const cards = loadCards(document.documentElement.lang, null);
    for (const topic of topics) {
      const ids = topic.dataset.drillIds.split(" ").filter(Boolean);
      const known = ids.filter((id) => cards[id] && cards[id].last === "known").length;
      const label = topic.querySelector("[data-drill-known]");
      if (label) label.textContent = fill(topic.dataset.labelKnown, { known: known, total: ids.length });
    }
  }

  // ---- the drill page ---------------------------------------------------------------------

  function startDrill(root) {
    const lang = root.dataset.lang;
    const part = (name) => root.querySelector('[data-drill="' + name + '"]');
    const label = (name) => root.dataset["label" + name.split("_").map((w) => w[0].toUpperCase() + w.slice(1)).join("")];
    const status = part("status");
    const el = {
      section: part("section"), topic: part("topic"), missedOnly: part("missed-only"),
      remaining: part("remaining"), card: part("card"), source: part("source"),
      question: part("question"), answer: part("answer"), reveal: part("reveal"),
      missed: part("missed"), known: part("known"), next: part("next"), done: part("done"),
      restart: part("restart"), progress: part("progress"), exportButton: part("export"),
      importInput: part("import"), reset: part("reset"), message: part("message"),
    };
    let questions = [];
    let byId = new Map();
    let topics = new Map();
    let cards = {};
    let queue = [];
    let revealed = false;
    let resetArmed = null;

    function say(text) {
      el.message.textContent = text || "";
    }

    function filtered() {
      const section = el.section.value;
      const topic = el.topic.value;
      return questions.filter((q) => (!topic || q.topic === topic) &&
        (!section || topics.get(q.topic).section === section));
    }

    function buildRound(everything, first) {
      const now = Date.now();
      let pool = filtered();
      if (el.missedOnly.checked) {
        pool = pool.filter((q) => cards[q.id] && cards[q.id].last === "missed");
      } else if (!everything) {
        pool = pool.filter((q) => !cards[q.id] || cards[q.id].due <= now);
      }
      const seen = pool.filter((q) => cards[q.id]).sort((a, b) => cards[a.id].box - cards[b.id].box);
      const fresh = pool.filter((q) => !cards[q.id]);
      queue = seen.concat(fresh).map((q) => q.id);
      if (first && queue.includes(first)) {
        queue = [first].concat(queue.filter((id) => id !== first));
      }
      show();
    }

    function show() {
      revealed = false;
      el.remaining.textContent = queue.length ? fill(label("remaining"), { n: queue.length }) : "";
      const empty = queue.length === 0;
      el.card.hidden = empty;
      el.done.hidden = !empty;
      if (empty) {
        el.done.querySelector("p").textContent = filtered().length ? label("done") : label("empty");
        el.card.removeAttribute("data-question");
        return;
      }
      const question = byId.get(queue[0]);
      const topic = topics.get(question.topic);
      el.card.dataset.question = question.id;
      el.source.href = topic.url + "#" + question.id;
      el.source.textContent = topic.section + " · " + topic.title;
      el.source.title = label("open");
      el.question.innerHTML = question.title;
      el.answer.innerHTML = question.answer;
      el.answer.hidden = true;
      el.reveal.hidden = false;
      el.missed.hidden = true;
      el.known.hidden = true;
    }

    function reveal() {
      if (!queue.length || revealed) return;
      revealed = true;
      el.answer.hidden = false;
      el.reveal.hidden = true;
      el.missed.hidden = false;
      el.known.hidden = false;
      el.known.focus({ preventScroll: true });
    }

    function mark(result) {
      if (!queue.length || !revealed) return;
      const id = queue.shift();
      const card = cards[id];
      if (result === "known") {
        const box = card ? Math.min(card.box + 1, MAX_BOX) : 2;
        cards[id] = { box: box, due: Date.now() + INTERVAL_DAYS[box] * DAY, last: "known" };
      } else {
        cards[id] = { box: 1, due: Date.now(), last: "missed" };
        queue.splice(Math.min(RETRY_GAP, queue.length), 0, id);
      }
      saveCards(lang, cards);
      showProgress();
      show();
    }

    function skip() {
      if (queue.length > 1) queue.push(queue.shift());
      show();
    }

    function showProgress() {
      el.progress.textContent = "";
      const sections = new Map();
      for (const q of questions) {
        const name = topics.get(q.topic).section;
        const entry = sections.get(name) || { total: 0, known: 0 };
        entry.total += 1;
        if (cards[q.id] && cards[q.id].last === "known") entry.known += 1;
        sections.set(name, entry);
      }
      for (const [name, entry] of sections) {
        const item = document.createElement("li");
        const meter = document.createElement("progress");
        meter.max = entry.total;
        meter.value = entry.known;
        item.dataset.section = name;
        item.append(name + " " + entry.known + " / " + entry.total + " ", meter);
        el.progress.append(item);
      }
    }

    function fillTopics() {
      const section = el.section.value;
      const current = el.topic.value;
      el.topic.length = 1;
      for (const topic of topics.values()) {
        if (!section || topic.section === section) el.topic.add(new Option(topic.title, topic.key));
      }
      el.topic.value = [...el.topic.options].some((o) => o.value === current) ? current : "";
    }

    function remember() {
      const params = new URLSearchParams();
      if (el.section.value) params.set("section", el.section.value);
      if (el.topic.value) params.set("topic", el.topic.value);
      if (el.missedOnly.checked) params.set("missed", "1");
      const query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    }

    function exportProgress() {
      const payload = Object.assign(progressObject(lang, cards), { exported: new Date().toISOString() });
      const blob = new Blob([JSON.stringify(payload, null, 1)], { type: "application/json" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "mlkb-drill-" + lang + "-" + payload.exported.slice(0, 10) + ".json";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }

    async function importProgress(file) {
      let imported = null;
      try {
        imported = cleanCards(JSON.parse(await file.text()), new Set(byId.keys()));
      } catch (error) {
        imported = null;
      }
      el.importInput.value = "";
      if (!imported) {
        say(label("import_failed"));
        return;
      }
      cards = imported;
      saveCards(lang, cards);
      say(fill(label("imported"), { n: Object.keys(cards).length }));
      showProgress();
      buildRound(false);
    }

    function resetProgress() {
      if (!resetArmed) {
        el.reset.textContent = label("reset_confirm");
        resetArmed = setTimeout(disarmReset, 5000);
        return;
      }
      disarmReset();
      cards = {};
      saveCards(lang, cards);
      say("");
      showProgress();
      buildRound(false);
    }

    function disarmReset() {
      clearTimeout(resetArmed);
      resetArmed = null;
      el.reset.textContent = label("reset");
    }

    function onKey(event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target;
      if (target.closest && target.closest("input, select, textarea, [contenteditable]")) return;
      if (target.tagName === "BUTTON" && (event.key === " " || event.key === "Enter")) return;
      const actions = { " ": reveal, "1": () => mark("missed"), "2": () => mark("known"), "n": skip, "N": skip };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      event.stopPropagation(); // Material uses n for "next page"
      action();
    }

    fetch(root.dataset.source)
      .then((response) => {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      })
      .then((data) => {
        questions = data.questions;
        byId = new Map(questions.map((q) => [q.id, q]));
        topics = new Map(data.topics.map((t) => [t.key, t]));
        cards = loadCards(lang, new Set(byId.keys()));
        saveCards(lang, cards); // drops progress of questions that no longer exist
        for (const name of new Set(data.topics.map((t) => t.section))) el.section.add(new Option(name, name));
        const params = new URLSearchParams(location.search);
        const topic = topics.get(params.get("topic") || "");
        el.section.value = topic ? topic.section : (params.get("section") || "");
        if (el.section.selectedIndex < 0) el.section.value = "";
        fillTopics();
        el.topic.value = topic ? topic.key : "";
        el.missedOnly.checked = params.get("missed") === "1";
        status.hidden = true;
        el.section.addEventListener("change", () => { fillTopics(); remember(); buildRound(false); });
        el.topic.addEventListener("change", () => { remember(); buildRound(false); });
        el.missedOnly.addEventListener("change", () => { remember(); buildRound(false); });
        el.reveal.addEventListener("click", reveal);
        el.missed.addEventListener("click", () => mark("missed"));
        el.known.addEventListener("click", () => mark("known"));
        el.next.addEventListener("click", skip);
        el.restart.addEventListener("click", () => buildRound(true));
        el.exportButton.addEventListener("click", exportProgress);
        el.importInput.addEventListener("change", () => el.importInput.files[0] && importProgress(el.importInput.files[0]));
        el.reset.addEventListener("click", resetProgress);
        document.addEventListener("keydown", onKey);
        showProgress();
        buildRound(false, params.get("question"));
        root.dataset.ready = "true";
      })
      .catch((error) => {
        status.textContent = error.message;
      });
  }

  const app = document.querySelector('[data-drill="app"]');
  if (app) startDrill(app);
  showBankProgress();
})();
