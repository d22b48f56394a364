import sys
from composer import *
from prompts import TemplateStore
store = TemplateStore()
lead = SAMPLE_LEADS[sys.argv[1]] if len(sys.argv) > 1 else SAMPLE_LEAD
kw = dict(a.split('=',1) for a in sys.argv[2:])
for strat in ['rabt','aida','pas']:
  for ch in ['inmail','connection_note','follow_up']:
    d = compose(lead, SAMPLE_SENDER, Settings(strategy=strat, channel=ch, **kw), store=store)[0]
    print('=====', strat, ch, len(d.body)); print(d.text()); print('FAILED:', [ (c.name, c.message) for c in d.checks if not c.ok], d.warnings, [f.kind.value for f in d.facts_used])
