// The report's inline stylesheet and script. Both are constants so the page's Content-Security-Policy
// can allow exactly them by hash: no other script can run, even if some escaping were ever missed.
import { createHash } from 'node:crypto';
export const STYLE = `
:root{--bg:#fff;--fg:#1d2330;--dim:#5c6678;--line:#d8dde6;--mal:#c62828;--sus:#b26a00;--ok:#2e7d32;--code:#f5f7fa;--hit:#fff3c4;--acc:#3451b2}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:18px 28px;border-bottom:1px solid var(--line);display:flex;gap:18px;align-items:center;flex-wrap:wrap}
main{padding:8px 28px 40px;max-width:1280px}
h1{font-size:18px;margin:0;word-break:break-all}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:14px;margin:18px 0 6px}
.badge{font-weight:700;letter-spacing:.04em;padding:6px 12px;border-radius:6px;color:#fff;font-size:15px}
.badge.malicious{background:var(--mal)}.badge.suspicious{background:var(--sus)}.badge.clean{background:var(--ok)}
.dim{color:var(--dim)}code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
code{background:var(--code);padding:1px 4px;border-radius:3px;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{font-weight:600;background:#fafbfc}
td.num{text-align:right;white-space:nowrap}
.grade-malicious{color:var(--mal);font-weight:600}.grade-suspicious{color:var(--sus);font-weight:600}.grade-info{color:var(--dim)}
.confirmed{background:var(--mal);color:#fff;border-radius:3px;padding:0 5px;font-size:11px;font-weight:700}
.both{background:var(--acc);color:#fff;border-radius:3px;padding:0 5px;font-size:11px}
.toolbar{display:flex;gap:10px;align-items:center;margin:6px 0;flex-wrap:wrap}button{font:inherit;padding:2px 10px;border:1px solid var(--line);background:#fff;border-radius:4px;cursor:pointer}
ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:22px;position:relative}ul.tree{padding-left:4px}
ul.tree li{position:relative;padding:3px 0 3px 14px}
ul.tree ul li::before{content:"";position:absolute;left:-8px;top:0;height:14px;width:18px;border-left:2px solid #9aa5b8;border-bottom:2px solid #9aa5b8;border-bottom-left-radius:4px}
ul.tree ul li:not(:last-child)::after{content:"";position:absolute;left:-8px;top:14px;bottom:0;border-left:2px solid #9aa5b8}
.proc{display:inline-block;border:1px solid var(--line);border-radius:5px;padding:2px 8px;background:#fbfcfe}.proc.shell{border-color:var(--mal);background:#fdecec}
.proc .pid{color:var(--dim);font-size:11px;margin-left:6px}
svg.timeline{width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fcfdff}
svg.timeline .axis{stroke:#9aa5b8}svg.timeline text{font:11px system-ui,sans-serif;fill:var(--dim)}
svg.timeline .ev{cursor:pointer}svg.timeline .ev-exec{fill:#3451b2}svg.timeline .ev-dns{fill:#7b3fb2}svg.timeline .ev-connect,svg.timeline .ev-http{fill:var(--mal)}svg.timeline .ev-file{fill:#d97a00}svg.timeline .ev-exit,svg.timeline .ev-note,svg.timeline .ev-signal{fill:#888}
tr.flash{animation:flash 1.2s}@keyframes flash{from{background:var(--hit)}to{background:transparent}}
details.finding{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:0 10px}details.finding>summary{cursor:pointer;padding:7px 0;list-style-position:inside}
details.finding[open]>summary{border-bottom:1px solid var(--line)}
.sev{display:inline-block;min-width:70px;font-weight:700;font-size:12px}.sev-critical,.sev-high{color:var(--mal)}.sev-medium{color:var(--sus)}.sev-low{color:var(--acc)}.sev-info{color:var(--dim)}
pre.src{background:var(--code);padding:6px 0;border-radius:4px;overflow-x:auto;margin:8px 0}pre.src .ln{display:block;padding:0 10px;white-space:pre}pre.src .ln.hit{background:var(--hit)}
pre.src .no{display:inline-block;width:48px;color:var(--dim);user-select:none;text-align:right;margin-right:12px}
.k{color:#a626a4;font-weight:600}.s{color:#2a7d2e}.c{color:#8a93a3;font-style:italic}.n{color:#b35900}.b{color:#0b6fb0}
pre.tail{background:#1e222a;color:#e6e6e6;padding:8px;border-radius:4px;white-space:pre-wrap;word-break:break-all;max-height:240px;overflow:auto}
.legend span{margin-right:14px}.legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:middle}
.legend .l-exec{background:#3451b2}.legend .l-dns{background:#7b3fb2}.legend .l-net{background:var(--mal)}.legend .l-file{background:#d97a00}
`;
export const SCRIPT = `
(function(){
  'use strict';
  function all(sel){return Array.prototype.slice.call(document.querySelectorAll(sel));}
  var expand=document.getElementById('expand-all'),collapse=document.getElementById('collapse-all');
  if(expand)expand.addEventListener('click',function(){all('details.finding').forEach(function(d){d.open=true;});});
  if(collapse)collapse.addEventListener('click',function(){all('details.finding').forEach(function(d){d.open=false;});});
  all('input.grade-filter').forEach(function(box){
    box.addEventListener('change',function(){
      all('tr.reason[data-grade="'+box.value+'"]').forEach(function(row){row.hidden=!box.checked;});
    });
  });
  all('svg.timeline .ev').forEach(function(mark){
    mark.addEventListener('click',function(){
      var row=document.getElementById(mark.getAttribute('data-row')||'');
      if(!row)return;
      row.scrollIntoView({block:'center',behavior:'smooth'});
      row.classList.remove('flash');void row.offsetWidth;row.classList.add('flash');
    });
  });
  document.documentElement.setAttribute('data-ready','1');
})();
`;
export function cspHash(text) {
    return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}
//# sourceMappingURL=assets.js.map