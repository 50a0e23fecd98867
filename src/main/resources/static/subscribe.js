// Defaults the subscription's time zone to the browser's own where the form still says UTC. A file of
// its own, not inline: the Content-Security-Policy lets pages run only this site's script files.
(function () {
  var s = document.getElementById('sub-tz'), z = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (s && z && s.value === 'UTC') for (var i = 0; i < s.options.length; i++) if (s.options[i].value === z) s.selectedIndex = i;
})();
