#!/usr/bin/env python3
"""The tenth round of ../EXPERIMENTS.md: what the shipped cascade still gets wrong at its operating point. Replays it
(familiarity gate 0.78 on both tiers, `v8@0.94; v8:2,v6:3@0.78`) on the hub's out-of-fold answers, counts the
answered-wrong texts by label pair, and prints a fixed random sample of them (text, gold label, answer) to be judged
by reading; ../residual-errors-judged.tsv is that sample with one reader's judgement.

usage: residual_errors.py OOF.jsonl FAM.jsonl CARD.json TRAIN.csv [--sample 40]
  (OOF, FAM and CARD as for gate_and_selection.py; TRAIN.csv is datasets/banking77/train.csv)
"""
import argparse, csv, random
from collections import Counter
import numpy as np
import answers

p = argparse.ArgumentParser()
p.add_argument('oof'); p.add_argument('fam'); p.add_argument('card'); p.add_argument('train')
p.add_argument('--sample', type=int, default=40)
a = p.parse_args()

d = answers.load(a.oof, a.fam, a.card)
labels, y, index, P8, P6, fam = d.labels, d.y, d.index, d.P8, d.P6, d.fam
texts = [row[0] for row in list(csv.reader(open(a.train)))[1:]]

label, answered = answers.cascade(P8, 0.94, answers.blend([P8, P6], [2, 3]), 0.78, fam >= 0.78)
wrong = np.where(answered & (label != y))[0]
print(f'{answered.sum()} answered, {len(wrong)} of them wrong ({len(wrong) / answered.sum():.2%})')
pairs = Counter(tuple(sorted((labels[y[i]], labels[label[i]]))) for i in wrong)
print('most frequent pairs:', ', '.join(f'{g} / {s} {n}' for (g, s), n in pairs.most_common(10)))
random.seed(1)
print('text\tgold\tanswer')
for i in random.sample(list(wrong), a.sample):
    print(f'{texts[index[i]]}\t{labels[y[i]]}\t{labels[label[i]]}')
