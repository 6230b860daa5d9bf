// The API reference from the vendored Swagger UI (no CDN); reads this server's /openapi.json.
window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
