"""How many English requests the known-words gate (knownWords in processors/*.yaml, io.agenthub.capability.KnownWords)
turns away, on texts its list never saw. The list (models/pii-tagger/common-words.txt) is rebuilt as
`agent-hub pii common-words` builds it (io.agenthub.pii.TaggerGate.learn: words seen twice or more, not capitalised,
framing words left out) from CLINC150 train and four fifths of BANKING77 train; the held-out fifth is judged as the
gate judges (minShare 0.5, two words or more, tokens left out). Then the shipped list on other sets.

    /usr/bin/python3 models/banking77-intent/finetune/known_words.py
"""
import collections, csv, glob, json, random, re

LEARN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
FRAMES = {"name", "named", "called", "live", "lives", "living", "address", "street", "road", "avenue", "lane", "zip",
          "postcode", "postal", "mr", "mrs", "ms", "miss", "dr"}
TOKEN = re.compile(r"<[A-Z][A-Z_]*_\d+>")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")

def learn(texts):
    counts = collections.Counter()
    for t in texts:
        for w in LEARN.findall(t):
            lower = w.lower()
            if not (w[0].isupper() and w[1:] == lower[1:]) and lower not in FRAMES:
                counts[lower] += 1
    return {w for w, n in counts.items() if n >= 2}

def turned_away(text, known, min_share=0.5):
    tokenised = bool(TOKEN.search(text))
    words = [w for w in WORD.findall(TOKEN.sub(' ', text).replace('\u2019', "'").lower()) if len(w) > 1]
    if not words:
        return tokenised
    return len(words) >= 2 and sum(w in known for w in words) / len(words) < min_share

def texts(pattern):
    out = []
    for f in sorted(glob.glob(pattern)):
        if f.endswith('.csv'):
            out += [r['text'] for r in csv.DictReader(open(f))]
        elif f.endswith('.json'):
            out += [e['text'] for e in json.load(open(f))]
        else:
            out += [json.loads(l)['text'] for l in open(f)]
    return out

banking, clinc = texts('datasets/banking77/train.csv'), texts('datasets/clinc150/train.jsonl')
order = list(range(len(banking))); random.Random(42).shuffle(order)
away = []
for k in range(5):
    held = set(order[k::5])
    known = learn([t for i, t in enumerate(banking) if i not in held] + clinc)
    away += [banking[i] for i in sorted(held) if turned_away(banking[i], known)]
print(f'BANKING77 train, each fifth against a list built without it: {len(away)} of {len(banking)} turned away', away[:5])
shipped = {w.strip() for w in open('models/pii-tagger/common-words.txt') if w.strip() and not w.startswith('#')}
for pattern in ('datasets/clinc150/val.jsonl', 'datasets/clinc150/oos_*.jsonl', 'datasets/nlupp/banking/fold*.json',
                'datasets/banking-requests-with-pii/requests.jsonl', 'datasets/unfamiliar-probes/probes.jsonl'):
    t = texts(pattern); away = [x for x in t if turned_away(x, shipped)]
    print(f'{pattern}: {len(away)} of {len(t)} turned away by the shipped list', away[:6])
