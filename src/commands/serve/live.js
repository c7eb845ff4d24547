(function(){
var gen=document.body.getAttribute('data-stand');
function reload(){return fetch(location.href,{cache:'no-store',credentials:'same-origin'}).then(function(r){return r.text()}).then(function(t){
var d=new DOMParser().parseFromString(t,'text/html');var x=window.scrollX,y=window.scrollY;
document.body.innerHTML=d.body.innerHTML;document.title=d.title;
gen=d.body.getAttribute('data-stand')||gen;document.body.setAttribute('data-stand',gen);window.scrollTo(x,y);});}
function poll(){fetch('/ereignisse?seit='+encodeURIComponent(gen),{cache:'no-store',credentials:'same-origin'}).then(function(r){if(!r.ok){throw r}return r.text()}).then(function(t){if(t!==gen){gen=t;return reload()}}).then(function(){setTimeout(poll,0)},function(){setTimeout(poll,1000)});}
poll();})();
