// The cooperation graph explorer (/explore): cities as nodes (sigma.js, WebGL), ties through
// shared projects as edges. Reads the network from /explore/network.json and a city's details
// from the public GraphQL API. The view (layout, colours, filters, year, selected city) lives in
// the URL, so a link shows what its sender saw.
import Graph from "graphology";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";
import Sigma from "sigma";
import { EdgeLineProgram } from "sigma/rendering";
import documents from "../../hub/trusted_documents.json";

const FIRST_YEAR = 2004;
const FADED = "#e4e4e4";
const PALETTE = {
  field: {
    "crafts-and-folk-art": "#c0392b",
    design: "#8e44ad",
    film: "#2c3e50",
    gastronomy: "#e67e22",
    literature: "#16a085",
    "media-arts": "#2980b9",
    music: "#d4ac0d",
    architecture: "#7f8c8d",
  },
  region: {
    africa: "#e67e22",
    "arab-states": "#16a085",
    "asia-and-the-pacific": "#c0392b",
    "europe-and-north-america": "#2980b9",
    "latin-america-and-the-caribbean": "#8e44ad",
  },
};
const OTHER = "#95a5a6";

// The hub's own documents, sent by hash (trusted documents; see hub/trusted_documents.py).
const CITY_DOCUMENT = documents.ExplorerCity;

const $ = (id) => document.getElementById(id);

// Apollo's automatic persisted queries: the hash first; the text only if the hub asks for it.
async function graphql(doc, variables) {
  const extensions = { persistedQuery: { version: 1, sha256Hash: doc.sha256Hash } };
  const post = async (body) => {
    const reply = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ ...body, variables, extensions }),
    });
    return reply.json();
  };
  const body = await post({});
  const notFound = (body.errors ?? []).some(
    (error) => error.extensions?.code === "PERSISTED_QUERY_NOT_FOUND",
  );
  return notFound ? post({ query: doc.query }) : body;
}

function readView(maxYear) {
  const q = new URLSearchParams(window.location.search);
  const year = Number.parseInt(q.get("year") ?? "", 10);
  return {
    layout: q.get("layout") === "force" ? "force" : "geo",
    colour: q.get("colour") === "region" ? "region" : "field",
    field: q.get("field") ?? "",
    region: q.get("region") ?? "",
    south: ["yes", "no"].includes(q.get("south")) ? q.get("south") : "",
    year: Number.isFinite(year) ? Math.min(Math.max(year, FIRST_YEAR), maxYear) : maxYear,
    city: q.get("city") ?? "",
  };
}

function writeView(view, maxYear) {
  const q = new URLSearchParams();
  if (view.layout !== "geo") q.set("layout", view.layout);
  if (view.colour !== "field") q.set("colour", view.colour);
  for (const key of ["field", "region", "south", "city"]) if (view[key]) q.set(key, view[key]);
  if (view.year !== maxYear) q.set("year", String(view.year));
  const search = q.toString();
  window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
}

function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function geographic(lat, lon) {
  // Equirectangular, y up; cities without coordinates wait in the ocean west of Africa.
  return { x: lon ?? -30, y: lat ?? 0 };
}

function option(select, value, text) {
  const element = document.createElement("option");
  element.value = value;
  element.textContent = text;
  select.append(element);
}

function label(text) {
  return text.replaceAll("-", " ").replace(/^./, (c) => c.toUpperCase());
}

async function main() {
  const started = performance.now();
  const response = await fetch("/explore/network.json");
  if (!response.ok) throw new Error(`network.json: ${response.status}`);
  const data = await response.json();
  performance.mark("network-fetched");
  const maxYear = Math.max(data.lastYear, FIRST_YEAR);
  const view = readView(maxYear);

  // The cities are drawn first, sized by their number of partners (counted from the ties'
  // columns); the ties join them in a second step, after the first frame.
  let graph = new Graph({ type: "undirected", allowSelfLoops: false });
  const ids = data.cities.map((c) => c[0]);
  const ties = data.ties;
  const degree = new Uint32Array(ids.length);
  for (let t = 0; t < ties.a.length; t += 1) {
    degree[ties.a[t]] += 1;
    degree[ties.b[t]] += 1;
  }
  data.cities.forEach(([id, name, field, region, south, year, lat, lon], i) => {
    graph.addNode(id, {
      label: name,
      folded: fold(name),
      field,
      region,
      south: Boolean(south),
      year: year ?? maxYear,
      ...geographic(lat, lon),
      lat,
      lon,
      size: 2 + Math.sqrt(degree[i]) * 1.2,
    });
  });
  performance.mark("cities-built");
  const large = ties.a.length > 20000;

  function withTies(cities) {
    const full = cities.copy();
    for (let t = 0; t < ties.a.length; t += 1) {
      const since = ties.since[t] ?? maxYear;
      full.addUndirectedEdge(ids[ties.a[t]], ids[ties.b[t]], { weight: ties.weight[t], since, size: 0.5 });
    }
    return full;
  }

  for (const field of data.fields) option($("field"), field, label(field));
  for (const region of data.regions) option($("region"), region, label(region));

  const slider = $("year");
  slider.min = String(FIRST_YEAR);
  slider.max = String(maxYear);

  let visible = new Set();
  let neighbours = null;

  function shows(attrs) {
    return (
      attrs.year <= view.year &&
      (!view.field || attrs.field === view.field) &&
      (!view.region || attrs.region === view.region) &&
      (!view.south || attrs.south === (view.south === "yes"))
    );
  }

  const renderer = new Sigma(graph, $("graph"), {
    labelRenderedSizeThreshold: 9,
    // A large network pans smoothly with its ties and labels hidden while the camera moves, and draws
    // them as one-pixel lines (two vertices a tie, not a rectangle's six).
    hideEdgesOnMove: large,
    hideLabelsOnMove: large,
    ...(large ? { edgeProgramClasses: { line: EdgeLineProgram } } : {}),
    defaultEdgeColor: "#c8cdd2",
    zIndex: true,
    nodeReducer(node, attrs) {
      if (!visible.has(node)) return { ...attrs, hidden: true };
      const colour = PALETTE[view.colour][attrs[view.colour]] ?? OTHER;
      if (neighbours && !neighbours.has(node)) {
        return { ...attrs, color: FADED, label: "", zIndex: 0 };
      }
      const selected = node === view.city;
      return {
        ...attrs,
        color: colour,
        zIndex: neighbours ? 1 : 0,
        highlighted: selected,
        forceLabel: Boolean(neighbours),
      };
    },
    edgeReducer(edge, attrs) {
      const [a, b] = graph.extremities(edge);
      if (attrs.since > view.year || !visible.has(a) || !visible.has(b)) {
        return { ...attrs, hidden: true };
      }
      if (neighbours && a !== view.city && b !== view.city) return { ...attrs, hidden: true };
      return neighbours ? { ...attrs, color: "#555", size: 1 } : attrs;
    },
  });

  function legend() {
    const items = Object.entries(PALETTE[view.colour]).map(([key, colour]) => {
      const item = document.createElement("span");
      const dot = document.createElement("i");
      dot.style.background = colour;
      item.append(dot, label(key));
      return item;
    });
    $("legend").replaceChildren(...items);
  }

  function refresh() {
    counted();
    renderer.refresh();
  }

  function counted() {
    legend();
    visible = new Set(graph.filterNodes((_, attrs) => shows(attrs)));
    if (view.city && !visible.has(view.city)) select("");
    let ties = 0;
    graph.forEachEdge((_, attrs, a, b) => {
      if (attrs.since <= view.year && visible.has(a) && visible.has(b)) ties += 1;
    });
    const count = $("count");
    count.dataset.cities = String(visible.size);
    count.dataset.ties = String(ties);
    count.textContent = `${visible.size} cities · ${ties} ties · ${view.year}`;
    $("year-label").textContent = String(view.year);
    writeView(view, maxYear);
  }

  // --- layouts: geographic, or ForceAtlas2 in a web worker -------------------------------------
  let layout = null;
  function applyLayout() {
    if (layout) {
      layout.kill();
      layout = null;
    }
    if (view.layout === "force") {
      const settings = forceAtlas2.inferSettings(graph);
      layout = new FA2Layout(graph, { settings: { ...settings, barnesHutOptimize: true } });
      layout.start();
      window.setTimeout(() => layout?.stop(), 6000); // settled enough; drag or toggle to redo
    } else {
      graph.forEachNode((node, attrs) => {
        graph.mergeNodeAttributes(node, geographic(attrs.lat, attrs.lon));
      });
    }
  }

  // --- a city: its neighbours highlighted, its panel from the public GraphQL API ---------------
  async function select(city) {
    view.city = city && graph.hasNode(city) ? city : "";
    neighbours = view.city ? new Set([view.city, ...graph.neighbors(view.city)]) : null;
    const panel = $("panel");
    if (!view.city) {
      panel.hidden = true;
      writeView(view, maxYear);
      renderer.refresh();
      return;
    }
    panel.hidden = false;
    panel.dataset.city = view.city;
    panel.dataset.loaded = "false";
    $("panel-title").textContent = graph.getNodeAttribute(view.city, "label");
    $("panel-body").replaceChildren(paragraph("Loading…"));
    writeView(view, maxYear);
    renderer.refresh();
    const asked = view.city;
    const body = await graphql(CITY_DOCUMENT, { id: asked });
    if (view.city !== asked) return; // another city was chosen meanwhile
    renderPanel(body.data ?? {}, body.errors);
    panel.dataset.loaded = "true";
  }

  function paragraph(text, className) {
    const p = document.createElement("p");
    p.textContent = text;
    if (className) p.className = className;
    return p;
  }

  function list(title, items, total, render) {
    const section = document.createElement("section");
    const heading = document.createElement("h3");
    heading.textContent = total > items.length ? `${title} (${items.length} of ${total})` : title;
    section.append(heading);
    if (!items.length) section.append(paragraph("None yet.", "none"));
    const ul = document.createElement("ul");
    for (const item of items) {
      const li = document.createElement("li");
      render(li, item);
      ul.append(li);
    }
    section.append(ul);
    return section;
  }

  function cityLink(li, slug, name) {
    const a = document.createElement("a");
    a.href = "#";
    a.textContent = name;
    a.addEventListener("click", (event) => {
      event.preventDefault();
      focus(slug);
    });
    li.append(a);
  }

  function renderPanel(answer, errors) {
    const body = $("panel-body");
    const city = answer.city;
    if (!city) {
      body.replaceChildren(paragraph(errors?.[0]?.message ?? "Not found."));
      return;
    }
    const facts = [city.country?.name, city.field?.name, city.designationYear && `since ${city.designationYear}`];
    const recommended = answer.recommendPartners?.items ?? [];
    body.replaceChildren(
      paragraph(facts.filter(Boolean).join(" · "), "facts"),
      list("Projects", city.projects.nodes, city.projects.totalCount, (li, p) => {
        li.textContent = `${p.title} (${p.startYear}, ${p.status.toLowerCase()})`;
      }),
      list("Partner cities", city.cooperatingCities.nodes, city.cooperatingCities.totalCount, (li, c) =>
        cityLink(li, c.slug, c.name),
      ),
      list(
        "Partner institutions",
        city.partnerInstitutions.nodes,
        city.partnerInstitutions.totalCount,
        (li, i) => {
          li.textContent = `${i.name} (${i.kind.toLowerCase().replaceAll("_", " ")})`;
        },
      ),
      list("Recommended partners", recommended, recommended.length, (li, r) => {
        if (r.kind === "CITY" && graph.hasNode(r.partnerId)) cityLink(li, r.partnerId, r.name);
        else li.textContent = r.name;
        li.append(` · ${r.score.toFixed(2)}`);
      }),
    );
  }

  function focus(city) {
    if (!graph.hasNode(city)) return;
    select(city);
    const position = renderer.getNodeDisplayData(city);
    if (position) renderer.getCamera().animate({ x: position.x, y: position.y, ratio: 0.35 }, { duration: 400 });
  }

  // --- controls --------------------------------------------------------------------------------
  $("layout").value = view.layout;
  $("colour").value = view.colour;
  $("field").value = view.field;
  $("region").value = view.region;
  $("south").value = view.south;
  slider.value = String(view.year);

  for (const key of ["field", "region", "south", "colour"]) {
    $(key).addEventListener("change", (event) => {
      view[key] = event.target.value;
      refresh();
    });
  }
  $("layout").addEventListener("change", (event) => {
    view.layout = event.target.value;
    applyLayout();
    refresh();
  });
  slider.addEventListener("input", () => {
    view.year = Number(slider.value);
    refresh();
  });
  let playing = null;
  $("play").addEventListener("click", () => {
    if (playing) {
      window.clearInterval(playing);
      playing = null;
      $("play").textContent = "Play";
      return;
    }
    view.year = FIRST_YEAR;
    $("play").textContent = "Stop";
    playing = window.setInterval(() => {
      slider.value = String(view.year);
      refresh();
      if (view.year >= maxYear) {
        window.clearInterval(playing);
        playing = null;
        $("play").textContent = "Play";
      } else view.year += 1;
    }, 600);
  });
  $("search").addEventListener("change", (event) => {
    const wanted = fold(event.target.value.trim());
    if (!wanted) return;
    const found =
      graph.findNode((_, a) => a.folded === wanted) ??
      graph.findNode((_, a) => a.folded.startsWith(wanted));
    if (found) focus(found);
  });
  $("panel-close").addEventListener("click", () => select(""));
  renderer.on("clickNode", ({ node }) => select(node));
  renderer.on("clickStage", () => select(""));

  window.explorer = {
    get graph() {
      return graph;
    },
    renderer,
    view,
    refresh,
    select,
    shownAfterMs: null, // the first frame (every city), since the script started
    shownAtMs: null, // the same, since the page was asked for
    tiesShownAtMs: null, // the first frame with the ties, since the page was asked for
  };
  renderer.once("afterRender", () => {
    performance.mark("first-frame");
    window.explorer.shownAfterMs = performance.now() - started;
    window.explorer.shownAtMs = performance.now();
  });
  refresh();
  // The ties, once the cities are on screen: the graph with them replaces the cities alone.
  await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
  graph = withTies(graph);
  counted();
  renderer.setGraph(graph);
  performance.mark("ties-shown");
  window.explorer.tiesShownAtMs = performance.now();
  const names = $("city-names");
  graph.forEachNode((_, attrs) => option(names, attrs.label, ""));
  if (view.layout !== "geo") applyLayout(); // the geographic one is where the cities start
  if (view.city) focus(view.city);
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  document.body.dataset.failed = "true";
  $("count").textContent = `The network could not be shown: ${error.message}`;
  throw error;
});
