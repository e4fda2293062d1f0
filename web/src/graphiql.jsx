// GraphiQL from the local bundle: the hub serves it with React, so it loads offline.
import { GraphiQL } from "graphiql";
import { createRoot } from "react-dom/client";
import "graphiql/graphiql.css";

async function fetcher(params, options) {
  const headers = { "content-type": "application/json", accept: "application/json" };
  Object.assign(headers, options?.headers ?? {});
  const response = await fetch(window.location.pathname, {
    method: "POST",
    headers,
    body: JSON.stringify(params),
  });
  return response.json();
}

createRoot(document.getElementById("graphiql")).render(
  <GraphiQL fetcher={fetcher} defaultEditorToolbarOpen={true} />,
);
