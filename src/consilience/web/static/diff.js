// Side-by-side diff: hovering a claim highlights the same claim group in every report.
(function () {
  "use strict";
  function link(group, on) {
    document.querySelectorAll('.claim[data-group="' + CSS.escape(group) + '"]').forEach(function (el) {
      el.classList.toggle("linked", on);
    });
  }
  document.querySelectorAll(".claim[data-group]").forEach(function (el) {
    el.addEventListener("mouseenter", function () { link(el.dataset.group, true); });
    el.addEventListener("mouseleave", function () { link(el.dataset.group, false); });
    el.addEventListener("click", function () {
      var others = document.querySelectorAll('.claim[data-group="' + CSS.escape(el.dataset.group) + '"]');
      others.forEach(function (o) { if (o !== el) o.scrollIntoView({ block: "nearest" }); });
    });
  });
})();
