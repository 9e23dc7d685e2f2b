// bilat dyad page: the timeline (Goldstein mean and quad counts per period) and the map.
"use strict";

const QUADS = [
  ["verbal_coop", "verbal cooperation", "#4c9a2a"],
  ["material_coop", "material cooperation", "#1f6f8b"],
  ["verbal_conflict", "verbal conflict", "#e3a21a"],
  ["material_conflict", "material conflict", "#b22222"],
];

function readJson(id) {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent) : null;
}

function periodEnd(start, by) {
  const date = new Date(start + "T00:00:00Z");
  if (by === "week") {
    date.setUTCDate(date.getUTCDate() + 6);
    return date.toISOString().slice(0, 10);
  }
  const months = { month: 1, quarter: 3, year: 12 }[by] || 1;
  date.setUTCMonth(date.getUTCMonth() + months);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function periodStart(row) {
  return String(row.start || row.period || "").slice(0, 10);
}

async function listPeriod(dyad, by, start) {
  const target = document.getElementById("period-events");
  const until = periodEnd(start, by);
  const params = new URLSearchParams({ dyad: dyad, since: start, until: until, limit: "100" });
  const response = await fetch("/api/events?" + params.toString());
  const data = await response.json();
  target.replaceChildren();
  const heading = document.createElement("h3");
  heading.textContent = data.ok
    ? data.total + " events from " + start + " to " + until
    : "Could not list events: " + data.error;
  target.appendChild(heading);
  const list = document.createElement("ul");
  list.className = "period-list";
  for (const event of data.events || []) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = "/events/" + encodeURIComponent(event.id);
    link.className = "event-link";
    link.textContent = (event.date || "") + " " + event.source.code + " " + event.cameo + " " +
      (event.target ? event.target.code : "");
    item.appendChild(link);
    item.appendChild(document.createTextNode(" " + event.sentence));
    list.appendChild(item);
  }
  target.appendChild(list);
}

(function drawTimeline() {
  const element = document.getElementById("timeline");
  const timeline = readJson("timeline-data");
  if (!element || !timeline || !window.Plotly) {
    return;
  }
  const rows = timeline.periods || [];
  const x = rows.map(periodStart);
  const traces = QUADS.map(([key, name, color]) => ({
    type: "bar", name: name, x: x, y: rows.map((row) => row[key] || 0),
    marker: { color: color, opacity: 0.55 }, yaxis: "y2",
  }));
  traces.push({
    type: "scatter", mode: "lines+markers", name: "Goldstein mean", x: x,
    y: rows.map((row) => (row.events ? row.goldstein_mean : null)),
    line: { color: "#222" }, connectgaps: false,
  });
  // Counts are whole numbers: step the events axis by a whole number giving about five ticks.
  const most = Math.max(1, ...rows.map((row) => row.events || 0));
  const step = Math.max(1, Math.ceil(most / 5));
  const layout = {
    barmode: "stack", margin: { t: 10, r: 50, b: 40, l: 50 }, height: 360,
    legend: { orientation: "h", y: -0.2 },
    yaxis: { title: { text: "Goldstein" }, range: [-10, 10], zeroline: true },
    yaxis2: {
      title: { text: "events" }, overlaying: "y", side: "right",
      range: [0, Math.ceil(most / step) * step], tick0: 0, dtick: step, tickformat: "d",
    },
    xaxis: { type: "date", nticks: 12 },
  };
  Plotly.newPlot(element, traces, layout, { responsive: true, displaylogo: false });
  element.on("plotly_click", (data) => {
    const point = data.points && data.points[0];
    if (point) {
      listPeriod(element.dataset.dyad, element.dataset.by, x[point.pointIndex]);
    }
  });
})();

(function drawMap() {
  const element = document.getElementById("map");
  const places = readJson("places-data");
  if (!element || !places || !places.length || !window.Plotly) {
    return;
  }
  const trace = {
    type: "scattergeo", mode: "markers",
    lat: places.map((p) => p.lat), lon: places.map((p) => p.lon),
    text: places.map((p) => p.name + ": " + p.text),
    hoverinfo: "text", marker: { size: 9, color: "#b22222", opacity: 0.8 },
  };
  const layout = {
    margin: { t: 0, r: 0, b: 0, l: 0 }, height: 320,
    geo: { scope: "world", resolution: 110, showcountries: true, showland: true,
      landcolor: "#f2efe9", countrycolor: "#999", fitbounds: "locations",
      projection: { type: "natural earth" } },
  };
  // Outlines come from bilat's own /static/world_110m.json, not Plotly's CDN.
  Plotly.newPlot(element, [trace], layout, {
    responsive: true, displaylogo: false, topojsonURL: "/static/",
  });
})();
