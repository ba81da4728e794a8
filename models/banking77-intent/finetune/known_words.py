"""How many English requests the known-words gate (knownWords in processors/*.yaml, io.agenthub.capability.KnownWords)
turns away, on texts its list never saw. A list is rebuilt as `agent-hub pii common-words` builds it
(io.agenthub.pii.TaggerGate.learn: words seen twice or more, not capitalised, framing words left out) without one
fifth of a capability's training texts, and that fifth is judged as the gate judges (minShare 0.5, two words or more,
tokens left out): BANKING77 (list models/pii-tagger/common-words.txt, from BANKING77 and CLINC150 train) and
insurance-intent (models/insurance-intent/known-words.txt, the same and insurance-intent train). Then the shipped lists
on other sets.

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

def word_list(path):
    """A list as io.agenthub.slm.WordList reads it: a word a line, # comments."""
    return {w.strip() for w in open(path) if w.strip() and not w.startswith('#')}

def out_of_fold(name, own, others):
    order = list(range(len(own))); random.Random(42).shuffle(order)
    away = []
    for k in range(5):
        held = set(order[k::5])
        known = learn(others + [t for i, t in enumerate(own) if i not in held])
        away += [own[i] for i in sorted(held) if turned_away(own[i], known)]
    print(f'{name}, each fifth against a list built without it: {len(away)} of {len(own)} turned away', away[:5])

banking, clinc = texts('datasets/banking77/train.csv'), texts('datasets/clinc150/train.jsonl')
out_of_fold('BANKING77 train', banking, clinc)
out_of_fold('insurance-intent train', texts('datasets/insurance-intent/train.jsonl'), banking + clinc)
shipped = word_list('models/pii-tagger/common-words.txt')
for pattern in ('datasets/clinc150/val.jsonl', 'datasets/clinc150/oos_*.jsonl', 'datasets/nlupp/banking/fold*.json',
                'datasets/banking-requests-with-pii/requests.jsonl', 'datasets/unfamiliar-probes/probes.jsonl'):
    t = texts(pattern); away = [x for x in t if turned_away(x, shipped)]
    print(f'{pattern}: {len(away)} of {len(t)} turned away by the shipped list', away[:6])
insurance = word_list('models/insurance-intent/known-words.txt')
t = texts('datasets/insurance-intent/test.jsonl')   # its final evaluation only: nothing here was chosen on it
print(f'insurance-intent test: {sum(turned_away(x, insurance) for x in t)} of {len(t)} turned away by its list')
