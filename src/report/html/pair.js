"use strict";
// taohua pair report: hovering, focusing or clicking a shared passage lights
// it on both sides; a click brings its counterpart into view. Without this
// script the report reads the same, and each passage still links to its
// counterpart.
(function () {
  var pieces = {};
  // A piece lists every passage that covers it, the one it shows first.
  document.querySelectorAll("a[data-p]").forEach(function (a) {
    a.dataset.p.split(" ").forEach(function (k) {
      (pieces[k] = pieces[k] || []).push(a);
    });
  });
  var lit = [];
  function light(k) {
    lit.forEach(function (a) { a.classList.remove("lit"); });
    lit = pieces[k] || [];
    lit.forEach(function (a) { a.classList.add("lit"); });
  }
  function passage(e) {
    return e.target instanceof Element ? e.target.closest("a[data-p]") : null;
  }
  function follow(e) {
    var a = passage(e);
    if (a) light(a.dataset.p.split(" ")[0]);
  }
  document.addEventListener("mouseover", follow);
  document.addEventListener("focusin", follow);
  document.addEventListener("click", function (e) {
    var a = passage(e);
    if (!a) return;
    light(a.dataset.p.split(" ")[0]);
    var target = document.getElementById(a.hash.slice(1));
    if (!target) return;
    e.preventDefault();
    var r = target.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) {
      target.scrollIntoView({ block: "center" });
    }
  });
})();
