const fs=require('fs');const {SourceMapConsumer}=require('source-map-js');
const dir='/tmp/smbuild/assets/';const f=fs.readdirSync(dir).find(x=>/^app-.*\.js$/.test(x));
const code=fs.readFileSync(dir+f,'utf8');const map=new SourceMapConsumer(JSON.parse(fs.readFileSync(dir+f+'.map','utf8')));
const lines=code.split('\n');const by=new Map();let prev=null;
map.eachMapping(m=>{ if(prev){ if(prev.line===m.generatedLine){const n=m.generatedColumn-prev.col; by.set(prev.src,(by.get(prev.src)||0)+n);} }
 prev={line:m.generatedLine,col:m.generatedColumn,src:m.source||'?'}; });
const rows=[...by].sort((a,b)=>b[1]-a[1]);let t=0;for(const r of rows)t+=r[1];console.log('total',t,code.length);
for(const r of rows.slice(0,200))console.log(r[1],r[0].replace(/.*node_modules/,'nm'));
