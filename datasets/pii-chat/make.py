#!/usr/bin/env python3
"""Writes datasets/pii-chat/*.jsonl from the sentence frames and values below, all written by hand for Agent Hub
(issue 24): chat-style requests to a bank or an insurer with names, addresses and national identifiers, and texts with
no personal data at all. Nothing here is taken from NLU++, BANKING77, CLINC150 or Presidio.

    python3 datasets/pii-chat/make.py      # deterministic (seeded); rewrites the four files

dev.jsonl / clean-dev.jsonl may be looked at and tuned on. test.jsonl / clean-test.jsonl are for measuring only: their
frames AND their values (names, streets, towns, identifiers) are disjoint from dev's, so a rule or a model fitted to dev
cannot have seen them.

Each line is one record in Presidio's synthetic-data shape, which `agent-hub pii eval` reads:
{"full_text", "spans": [{"entity_type", "entity_value", "start_position", "end_position"}]} (code points, end
exclusive). Labelling: a person's name without its title (Mr, Dr); a full postal address (house, street, town,
postcode) as one STREET_ADDRESS; a postcode on its own as ZIP_CODE; UK_NINO and DE_TAX_ID for the identifiers.
"""
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------------------------------------
# Names of many origins. Dev and test lists are disjoint.
NAMES = {
    "dev": [
        ("Priya", "Raghunathan"), ("Guy", "Kephart"), ("Chidi", "Okafor"), ("Mei", "Lin"), ("Tomasz", "Wiśniewski"),
        ("Fatima", "Al-Sayed"), ("Hiroshi", "Tanaka"), ("Siobhan", "Gallagher"), ("Kwame", "Mensah"), ("Ayşe", "Yılmaz"),
        ("Thanh", "Nguyen"), ("Lars", "Johansson"), ("Sofía", "Hernández"), ("Giulia", "Bianchi"), ("Pieter", "de Vries"),
        ("Jürgen", "Schäfer"), ("Amélie", "Laurent"), ("Oluwaseun", "Adeyemi"), ("Rahul", "Chaudhary"), ("Min-jun", "Park"),
        ("Dimitris", "Papadopoulos"), ("Ewa", "Kowalczyk"), ("Tariq", "Hussain"), ("Aoife", "Byrne"), ("Mateus", "Carvalho"),
        ("Svetlana", "Ivanova"), ("Kofi", "Boateng"), ("Ingrid", "Halvorsen"), ("Ravi", "Subramanian"), ("Zainab", "Bello"),
        ("Hamish", "MacLeod"), ("Elif", "Demir"), ("Thabo", "Nkosi"), ("Yuki", "Sato"), ("Ciaran", "O'Brien"),
        ("Marta", "Nowak"), ("Arjun", "Venkataraman"), ("Leilani", "Kahale"), ("Björn", "Lindqvist"), ("Nadia", "Haddad"),
    ],
    "test": [
        ("Deepa", "Krishnamurthy"), ("Emeka", "Nwosu"), ("Xiaoling", "Zhou"), ("Bartosz", "Zieliński"), ("Layla", "Mansour"),
        ("Kenji", "Watanabe"), ("Niamh", "Donnelly"), ("Yaw", "Asante"), ("Mehmet", "Kaya"), ("Thi Hoa", "Tran"),
        ("Astrid", "Nilsson"), ("Alejandro", "Domínguez"), ("Francesca", "Esposito"), ("Joost", "van Dijk"), ("Dieter", "Hoffmann"),
        ("Céline", "Dubois"), ("Adaeze", "Eze"), ("Sanjay", "Iyer"), ("Seo-yeon", "Choi"), ("Eleni", "Georgiou"),
        ("Agnieszka", "Wójcik"), ("Imran", "Qureshi"), ("Orla", "Kavanagh"), ("Rafael", "Azevedo"), ("Olga", "Smirnova"),
        ("Ama", "Owusu"), ("Sigrid", "Bakken"), ("Lakshmi", "Narayanan"), ("Halima", "Abubakar"), ("Callum", "Fraser"),
        ("Zeynep", "Aydın"), ("Sipho", "Dlamini"), ("Haruto", "Kobayashi"), ("Declan", "Murphy"), ("Jakub", "Dvořák"),
        ("Vikram", "Balasubramanian"), ("Malia", "Fonoti"), ("Henrik", "Sørensen"), ("Rania", "Khoury"), ("John", "Smith"),
    ],
}

# Addresses: streets and towns with postcodes per country; dev and test use disjoint streets and towns.
ADDRESS_PARTS = {
    "dev": {
        "GB": (["{n} Baker Street", "{n}B Baker Street", "Flat {f}, {n} Leith Walk", "{n} Hollins Road", "{n} Mill Lane",
                "{n} Victoria Avenue", "{n} Church Close"],
               [("London", "NW1 6XE"), ("Edinburgh", "EH6 5BT"), ("Manchester", "M20 6RH"), ("Leeds", "LS6 2AB"),
                ("Bristol", "BS8 1TH"), ("Cardiff", "CF10 3AT")]),
        "DE": (["Hauptstraße {n}", "Goethestr. {n}a", "Lindenallee {n}", "Am Mühlbach {n}", "Schillerplatz {n}"],
               [("10115 Berlin", None), ("60313 Frankfurt am Main", None), ("80331 München", None), ("50667 Köln", None)]),
        "FR": (["{n} rue de Rivoli", "{n} avenue Jean Jaurès", "{n} boulevard Voltaire", "{n}, place Bellecour"],
               [("75001 Paris", None), ("69007 Lyon", None), ("13001 Marseille", None)]),
        "NL": (["Keizersgracht {n}", "Kerkstraat {n}", "Oudegracht {n}"],
               [("1015 CJ Amsterdam", None), ("3511 AX Utrecht", None), ("2511 BT Den Haag", None)]),
        "ES": (["Calle Mayor {n}", "C/ de Alcalá {n}, 3º izq.", "Avenida de la Constitución {n}"],
               [("28013 Madrid", None), ("41001 Sevilla", None), ("08002 Barcelona", None)]),
        "IT": (["Via Roma {n}", "Corso Buenos Aires {n}", "Piazza Garibaldi {n}"],
               [("00184 Roma", None), ("20124 Milano", None), ("80133 Napoli", None)]),
    },
    "test": {
        "GB": (["{n} Elm Grove", "Flat {f}, {n} Princes Street", "{n} Station Road", "{n}A High Street", "{n} Queen's Drive",
                "{n} Park Crescent"],
               [("Glasgow", "G12 8QQ"), ("Birmingham", "B15 2TT"), ("Brighton", "BN1 4GH"), ("Oxford", "OX2 6GG"),
                ("Belfast", "BT9 5AB"), ("Newcastle upon Tyne", "NE1 7RU")]),
        "DE": (["Bahnhofstraße {n}", "Kastanienweg {n}", "Marktplatz {n}", "Friedrich-Ebert-Str. {n}"],
               [("20095 Hamburg", None), ("70173 Stuttgart", None), ("04109 Leipzig", None), ("01067 Dresden", None)]),
        "FR": (["{n} rue du Faubourg Saint-Antoine", "{n} avenue des Champs-Élysées", "{n} chemin des Vignes"],
               [("75011 Paris", None), ("31000 Toulouse", None), ("33000 Bordeaux", None)]),
        "NL": (["Prinsengracht {n}", "Dorpsstraat {n}", "Stationsweg {n}"],
               [("1016 GV Amsterdam", None), ("3011 AD Rotterdam", None), ("9711 LM Groningen", None)]),
        "ES": (["Calle de Serrano {n}", "Paseo de Gracia {n}", "Calle Larios {n}"],
               [("28001 Madrid", None), ("08007 Barcelona", None), ("29005 Málaga", None)]),
        "IT": (["Via Garibaldi {n}", "Viale Mazzini {n}", "Via dei Mille {n}"],
               [("10122 Torino", None), ("50123 Firenze", None), ("40126 Bologna", None)]),
    },
}

# ---------------------------------------------------------------------------------------------------------------------
# Sentence frames. {NAME} a full name, {SURNAME} a surname alone, {FIRST} a first name alone, {ADDRESS} a full
# address, {POSTCODE} a UK postcode alone, {NINO} a UK National Insurance number, {TAXID} a German tax id.
# A frame in lower case is filled in lower case (as people type in chat).
FRAMES = {
    "dev": [
        "hi my name is {NAME} and i cant log in",
        "can i transfer 700 pounds to {NAME} today",
        "Hi, {SURNAME} here, my card was declined at the shop",
        "This is {NAME}, I need to change my address to {ADDRESS}",
        "please send the new card to {ADDRESS}",
        "i moved last month, new address is {ADDRESS}",
        "Please update my address: {ADDRESS}. Thanks, {FIRST}",
        "Dear team, I am writing on behalf of my mother, Mrs {SURNAME}, who lost her purse.",
        "my postcode is {POSTCODE} but the app says it is invalid",
        "Could you tell {NAME} that the payment went through?",
        "I sent money to {NAME} by mistake, can I get it back?",
        "Claim notice\nPolicy holder: {NAME}\nAddress: {ADDRESS}\nA pipe burst in the kitchen. The estimate is GBP 3,150.",
        "my national insurance number is {NINO}",
        "NI number {NINO}, name {NAME}",
        "Meine Steuer-ID ist {TAXID}, bitte aktualisieren.",
        "tax id {TAXID} for the german account please",
        "Hallo, hier ist {NAME}. Ich wohne jetzt in der {ADDRESS}.",
        "Bonjour, je m'appelle {NAME}, ma nouvelle adresse est {ADDRESS}.",
        "Hola, soy {NAME} y vivo en {ADDRESS}",
        "Ciao, sono {NAME}, abito in {ADDRESS}",
        "Hoi, ik ben {NAME} en woon op {ADDRESS}",
        "who is {SURNAME}? i dont know that payee",
        "Mr {SURNAME} says he never received the refund",
        "the account is in the name of {NAME}",
        "{NAME}\n{ADDRESS}\n\nI wish to close my savings account.",
        "Can you add {FIRST} {SURNAME} as a second card holder?",
        "ok thanks {FIRST}",
        "The parcel from {NAME} never arrived at {ADDRESS}",
    ],
    "test": [
        "hello its {NAME}, locked out of my account again",
        "i want to pay {NAME} back for dinner, how do i do it",
        "{SURNAME} speaking. The card machine ate my card.",
        "My name is {NAME} and I have moved to {ADDRESS}",
        "deliver the replacement card to {ADDRESS} please",
        "new address {ADDRESS}, old one is no longer valid",
        "Address change for {NAME}: {ADDRESS}",
        "Good morning, my father Mr {SURNAME} passed away and I need to close his account.",
        "postcode {POSTCODE} is not accepted by the form",
        "Is the transfer to {NAME} done yet?",
        "I paid {NAME} twice by accident",
        "First notice of loss\nInsured: {NAME}\nRisk address: {ADDRESS}\nWater damage in the bathroom, repair quote EUR 2,480.",
        "ni no {NINO} - please add it to my profile",
        "For the ISA form: National Insurance {NINO}",
        "Steuerliche Identifikationsnummer: {TAXID}",
        "my steuer id is {TAXID}",
        "Guten Tag, mein Name ist {NAME}, neue Anschrift: {ADDRESS}",
        "Bonsoir, c'est {NAME}, j'habite au {ADDRESS}",
        "Buenos días, me llamo {NAME}, mi dirección es {ADDRESS}",
        "Buongiorno, mi chiamo {NAME}, il mio indirizzo è {ADDRESS}",
        "Goedemiddag, mijn naam is {NAME}, adres {ADDRESS}",
        "never heard of {SURNAME}, why is there a payment to them",
        "Dr {SURNAME} from the clinic was paid twice",
        "joint account with {NAME}",
        "Kind regards,\n{NAME}\n{ADDRESS}",
        "please remove {FIRST} {SURNAME} from my account",
        "cheers {FIRST}, that worked",
        "Send the statement for {NAME} to {ADDRESS}",
    ],
}

# Texts with no personal data: gibberish, other languages' banking requests, amounts and currencies. Written by hand.
CLEAN = {
    "dev": [
        "asdf qwerty zzz blorp 12345", "lorem ipsum dolor sit amet", "jjjjjj kkkk 999", "qwertyuiop asdfghjkl",
        "blah blah blah 42", "xkcd zorp flim flam 2024", "hmmm ok ok ok", "aaaaaaaaa", "test test 123 test",
        "zxcv bnm 00000", "wibble wobble 7", "nfjdks fjdks lslsl", "ok so like whatever 55555", "????",
        "J'ai perdu ma carte bancaire dans le métro", "Je voudrais faire un virement vers mon compte épargne",
        "Ma carte a été avalée par le distributeur", "Pourquoi ai-je été débité deux fois ?",
        "Comment changer mon code PIN ?", "Le paiement en ligne est refusé depuis hier",
        "Ich habe meine Karte in der U-Bahn verloren", "Warum wurde meine Überweisung abgelehnt?",
        "Wie kann ich mein Konto schließen?", "Der Geldautomat hat meine Karte eingezogen",
        "Bitte erhöhen Sie mein Tageslimit auf 2000 Euro", "Ich möchte eine neue PIN bestellen",
        "He perdido mi tarjeta en el autobús", "¿Por qué me han cobrado una comisión?",
        "Ho smarrito la mia carta di credito", "Il bonifico non è ancora arrivato",
        "Ik ben mijn bankpas kwijt", "Waarom is mijn betaling geweigerd?",
        "The repair estimate is GBP 3,150.", "I was charged EUR 1.200,50 instead of 120,05",
        "Total due: USD 4,999.99.", "why was 12.50 taken twice", "I paid £45.99 at the market",
        "Transfer 250 to my savings, reference HOLIDAY 2025", "my card ending 4821 doesnt work",
        "top up 20 quid please", "Fee of 3.5% on the transaction of 1,000.",
        "Claim notice\nPolicy number: POL-20391\nA pipe burst in the kitchen. The estimate is GBP 3,150.",
        "Order 55123 has not arrived yet", "the atm on the high street is broken",
        "exchange rate for 300 EUR to GBP?", "Pay the gas bill of 87.20 on the 1st",
    ],
    "test": [
        "sdfkjh sdkfj 98765", "qqqq wwww eeee 10101", "foo bar baz 31337", "mmmmm nope 77777", "lalala 2468 zzz",
        "abcdefg hijk lmnop 13579", "yo yo yo 24680", "grrr plz fix", "x y z 1 2 3", "wxyz 54321 blep",
        "Je n'arrive pas à me connecter à l'application", "Ma carte est bloquée après trois codes faux",
        "Combien coûte un virement international ?", "Je souhaite fermer mon livret A",
        "Meine Kreditkarte wurde gestohlen", "Wann kommt meine neue Karte an?",
        "Die Lastschrift wurde doppelt abgebucht", "Kann ich mein Dispo erhöhen?",
        "Mi tarjeta no funciona en el cajero", "Quiero cancelar una transferencia",
        "La mia carta è stata bloccata", "Come posso cambiare il PIN?",
        "Mijn pinpas is ingeslikt door de automaat", "Hoe verhoog ik mijn limiet?",
        "The invoice total is EUR 2,480.", "Refund of GBP 19.99 still pending", "Charged 1,250.00 twice this week",
        "Please send 75 to savings", "My balance shows -320.45", "rent is 1.450 EUR per month",
        "Claim notice\nPolicy number: HH-88213\nStorm damage to the roof. The quote is EUR 6,900.",
        "Reference 40021-22 on the statement", "the branch on station road is closed", "cashback of 5% not credited",
    ],
}

UK_NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
UK_NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"
UK_NINO_BAD_PREFIX = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def nino(rng):
    while True:
        prefix = rng.choice(UK_NINO_FIRST) + rng.choice(UK_NINO_SECOND)
        if prefix not in UK_NINO_BAD_PREFIX:
            break
    digits = "".join(str(rng.randrange(10)) for _ in range(6))
    suffix = rng.choice("ABCD")
    style = rng.randrange(3)
    if style == 0:
        return f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
    if style == 1:
        return f"{prefix}{digits}{suffix}"
    return f"{prefix.lower()} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix.lower()}"


def steuer_id_check(ten):
    """ISO/IEC 7064 MOD 11,10: the German tax id's check digit."""
    product = 10
    for ch in ten:
        total = (int(ch) + product) % 10
        if total == 0:
            total = 10
        product = (total * 2) % 11
    check = 11 - product
    return 0 if check == 10 else check


def steuer_id(rng):
    # The first ten digits: no leading zero, one digit twice (or thrice), the others at most once.
    while True:
        digits = rng.sample("0123456789", 9)
        repeated = rng.choice(digits)
        body = digits + [repeated]
        rng.shuffle(body)
        if body[0] != "0":
            break
    ten = "".join(body)
    full = ten + str(steuer_id_check(ten))
    if rng.randrange(2):
        return f"{full[:2]} {full[2:5]} {full[5:8]} {full[8:]}"
    return full


# A frame written in another language gets an address of that language's country.
GREETING_COUNTRY = {"Hallo": "DE", "Guten": "DE", "Bonjour": "FR", "Bonsoir": "FR", "Hola": "ES", "Buenos": "ES",
                    "Ciao": "IT", "Buongiorno": "IT", "Hoi": "NL", "Goedemiddag": "NL"}


def address(rng, split, lower, country=None):
    country = country or rng.choice(list(ADDRESS_PARTS[split]))
    streets, towns = ADDRESS_PARTS[split][country]
    street = rng.choice(streets).format(n=rng.randrange(1, 240), f=rng.randrange(1, 12))
    town, postcode = rng.choice(towns)
    value = f"{street}, {town} {postcode}" if postcode else f"{street}, {town}"
    return value.lower() if lower else value


def fill(frame, split, rng):
    lower = frame == frame.lower()
    first, surname = rng.choice(NAMES[split])
    # chat writers drop capitals for names in a third of mixed-case frames too
    name_lower = lower or rng.randrange(3) == 0
    values = {
        "NAME": ("PERSON", f"{first} {surname}"),
        "SURNAME": ("PERSON", surname),
        "FIRST": ("PERSON", first),
        "ADDRESS": ("STREET_ADDRESS", address(rng, split, lower, GREETING_COUNTRY.get(re.split(r"\W", frame)[0]))),
        "POSTCODE": ("ZIP_CODE", rng.choice([p for _, p in ADDRESS_PARTS[split]["GB"][1]])),
        "NINO": ("UK_NINO", nino(rng)),
        "TAXID": ("DE_TAX_ID", steuer_id(rng)),
    }
    text = ""
    spans = []
    at = 0
    # {FIRST} {SURNAME} side by side is one name
    frame = frame.replace("{FIRST} {SURNAME}", "{NAME}")
    for m in re.finditer(r"\{([A-Z]+)\}", frame):
        text += frame[at:m.start()]
        kind, value = values[m.group(1)]
        if kind == "PERSON" and name_lower:
            value = value.lower()
        if kind == "ZIP_CODE" and lower:
            value = value.lower()
        spans.append({"entity_type": kind, "entity_value": value, "start_position": len(text),
                      "end_position": len(text) + len(value)})
        text += value
        at = m.end()
    text += frame[at:]
    return {"full_text": text, "spans": spans}


def write(path, records):
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main():
    for split, seed, per_frame in (("dev", 24, 8), ("test", 2024, 8)):
        rng = random.Random(seed)
        records = [fill(frame, split, rng) for frame in FRAMES[split] for _ in range(per_frame)]
        write(HERE / f"{split}.jsonl", records)
        write(HERE / f"clean-{split}.jsonl", [{"full_text": t, "spans": []} for t in CLEAN[split]])


if __name__ == "__main__":
    main()
