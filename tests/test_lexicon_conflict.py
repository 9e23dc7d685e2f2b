"""Conflict lexicon (CAMEO roots 09-20): one sentence of our own per pattern of verbs_conflict.yaml.

Each case names the pattern it exercises and every event the whole lexicon codes for its
sentence, so a case also fails when a broader pattern starts stealing the trigger or a second
event appears.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bilat.extract import Pipeline
from bilat.knowledge import BUNDLED
from bilat.knowledge.loader import load_yaml
from bilat.records import Document

CONFLICT = BUNDLED / "verbs_conflict.yaml"

Row = tuple[str, str, str, str, str]

CASES: list[tuple[str, str, list[Row]]] = [
    (
        "094-probe-war-crimes",
        "The United Nations will investigate war crimes by Russia.",
        [("IGOUNO", "094", "RUS", "planned", "094-probe-war-crimes")],
    ),
    (
        "092-probe-abuses",
        "Canada investigated abuses by Iran.",
        [("CAN", "092", "IRN", "asserted", "092-probe-abuses")],
    ),
    (
        "093-probe-strike",
        "Germany investigated the Israeli strike.",
        [("DEU", "093", "ISR", "asserted", "093-probe-strike")],
    ),
    (
        "091-probe-crime",
        "Spain is investigating China for fraud.",
        [("ESP", "091", "CHN", "asserted", "091-probe-crime")],
    ),
    (
        "090-open-probe",
        "Poland launched an investigation into Russia's role.",
        [("POL", "090", "RUS", "asserted", "090-open-probe")],
    ),
    (
        "101-demand-probe",
        "Pakistan demanded an explanation from India.",
        [("PAK", "101", "IND", "asserted", "101-demand-probe")],
    ),
    (
        "101-ask-explanation",
        "Japan asked for a clarification from China.",
        [("JPN", "101", "CHN", "asserted", "101-ask-explanation")],
    ),
    (
        "101-ask-explain",
        "Bangladesh asked India to explain the incident.",
        [("BGD", "101", "IND", "asserted", "101-ask-explain")],
    ),
    (
        "101-ask-investigate",
        "Chile asked Peru to conduct an inquiry into the shooting.",
        [("CHL", "101", "PER", "asserted", "101-ask-investigate")],
    ),
    (
        "1013-demand-extradition",
        "Turkey demanded the extradition of the cleric from the United States.",
        [("TUR", "1013", "USA", "asserted", "1013-demand-extradition")],
    ),
    (
        "1031-demand-compensation",
        "Ecuador demanded compensation from Colombia.",
        [("ECU", "1031", "COL", "asserted", "1031-demand-compensation")],
    ),
    (
        "1041-demand-resignation",
        "Armenia demanded the resignation of the Azerbaijani president.",
        [("ARM", "1041", "AZEGOV", "asserted", "1041-demand-resignation")],
    ),
    (
        "1053-demand-release",
        "Britain demanded the release of the tanker from Iran.",
        [("GBR", "1053", "IRN", "asserted", "1053-demand-release")],
    ),
    (
        "1054-demand-lifting",
        "Venezuela demanded the lifting of American sanctions.",
        [("VEN", "1054", "USA", "asserted", "1054-demand-lifting")],
    ),
    (
        "106-demand-withdrawal",
        "The Maldives demanded the withdrawal of Indian troops.",
        [("MDV", "106", "INDMIL", "asserted", "106-demand-withdrawal")],
    ),
    (
        "107-demand-ceasefire",
        "Egypt demanded an immediate ceasefire between Israel and Hamas.",
        [
            ("EGY", "107", "ISR", "asserted", "107-demand-ceasefire"),
            ("EGY", "107", "PSEREB", "asserted", "107-demand-ceasefire"),
        ],
    ),
    (
        "108-demand-talks",
        "Serbia demanded talks with Kosovo.",
        [("SRB", "108", "XKX", "asserted", "108-demand-talks")],
    ),
    (
        "100-demand-apology",
        "China demanded an apology from Lithuania.",
        [("CHN", "100", "LTU", "asserted", "100-demand-apology")],
    ),
    (
        "100-said-must",
        "Chile said that Peru must return the seized trawler.",
        [("CHL", "100", "PER", "asserted", "100-said-must")],
    ),
    (
        "100-insist",
        "Iran insisted on Britain's compliance.",
        [("IRN", "100", "GBR", "asserted", "100-insist")],
    ),
    (
        "100-demand-noun",
        "Somalia's demands on Kenya grew.",
        [("SOM", "100", "KEN", "asserted", "100-demand-noun")],
    ),
    (
        "110-express-displeasure",
        "Nepal expressed displeasure over India's move.",
        [("NPL", "110", "IND", "asserted", "110-express-displeasure")],
    ),
    (
        "111-condemn-deed",
        "Georgia condemned Russia's invasion of Ukraine.",
        [("GEO", "111", "RUS", "asserted", "111-condemn-deed")],
    ),
    (
        "114-protest-deed",
        "Chile protested to Peru over the detention of its sailors.",
        [("CHL", "114", "PER", "asserted", "114-protest-deed")],
    ),
    (
        "111-criticise-more",
        "Sweden berated Turkey.",
        [("SWE", "111", "TUR", "asserted", "111-criticise-more")],
    ),
    (
        "111-lash-out",
        "South Korea lashed out at the Japanese decision.",
        [("KOR", "111", "JPN", "asserted", "111-lash-out")],
    ),
    (
        "111-attack-for",
        "Chile attacked Peru for its fishing policy.",
        [("CHL", "111", "PER", "asserted", "111-attack-for")],
    ),
    (
        "111-hit-back",
        "Bolivia hit back at Chile over the remarks.",
        [("BOL", "111", "CHL", "asserted", "111-hit-back")],
    ),
    (
        "111-snipe-at",
        "Chile sniped at Peru over the border dispute.",
        [("CHL", "111", "PER", "asserted", "111-snipe-at")],
    ),
    (
        "111-draw-criticism",
        "Norway drew sharp criticism from Russia.",
        [("RUS", "111", "NOR", "asserted", "111-draw-criticism")],
    ),
    (
        "111-take-aim",
        "Mexico took a swipe at the United States.",
        [("MEX", "111", "USA", "asserted", "111-take-aim")],
    ),
    (
        "111-object-to",
        "India objected to China's statement.",
        [("IND", "111", "CHN", "asserted", "111-object-to")],
    ),
    (
        "111-raise-objection",
        "Greece raised objections to Turkey's plan.",
        [("GRC", "111", "TUR", "asserted", "111-raise-objection")],
    ),
    (
        "111-call-move-adjective",
        'Ghana called the Nigerian move "reckless".',
        [("GHA", "111", "NGA", "asserted", "111-call-move-adjective")],
    ),
    (
        "1124-accuse-war-crimes",
        "Ukraine accused Russia of war crimes.",
        [("UKR", "1124", "RUS", "asserted", "1124-accuse-war-crimes")],
    ),
    (
        "1125-accuse-espionage",
        "Iran accused Britain of espionage.",
        [("IRN", "1125", "GBR", "asserted", "1125-accuse-espionage")],
    ),
    (
        "1122-accuse-abuses",
        "Norway accused Belarus of torture.",
        [("NOR", "1122", "BLR", "asserted", "1122-accuse-abuses")],
    ),
    (
        "1123-accuse-aggression",
        "Armenia accused Azerbaijan of aggression.",
        [("ARM", "1123", "AZE", "asserted", "1123-accuse-aggression")],
    ),
    (
        "1121-accuse-crime",
        "Colombia accused Venezuela of drug trafficking.",
        [("COL", "1121", "VEN", "asserted", "1121-accuse-crime")],
    ),
    (
        "112-attribute",
        "Afghanistan attributed the blasts to Pakistan.",
        [("AFG", "112", "PAK", "asserted", "112-attribute")],
    ),
    (
        "112-hold-responsible",
        "Israel named Iran responsible for the attack.",
        [("ISR", "112", "IRN", "asserted", "112-hold-responsible")],
    ),
    (
        "112-hold-responsible-comp",
        "Israel held Iran responsible.",
        [("ISR", "112", "IRN", "asserted", "112-hold-responsible-comp")],
    ),
    (
        "112-level-charges",
        "Ethiopia levelled allegations against Egypt.",
        [("ETH", "112", "EGY", "asserted", "112-level-charges")],
    ),
    (
        "112-point-blame",
        "Serbia put the blame on Kosovo.",
        [("SRB", "112", "XKX", "asserted", "112-point-blame")],
    ),
    (
        "113-rally-against",
        "France rallied support against Russia.",
        [("FRA", "113", "RUS", "asserted", "113-rally-against")],
    ),
    (
        "114-call-in-envoy",
        "Denmark called in the Iranian ambassador.",
        [("DNK", "114", "IRNGOV", "asserted", "114-call-in-envoy")],
    ),
    (
        "114-hand-demarche",
        "Pakistan handed a demarche to India.",
        [("PAK", "114", "IND", "asserted", "114-hand-demarche")],
    ),
    (
        "114-complain-about",
        "Qatar complained about Saudi Arabia.",
        [("QAT", "114", "SAU", "asserted", "114-complain-about")],
    ),
    (
        "114-protest-official",
        "Japan protested China's decision.",
        [("JPN", "114", "CHN", "asserted", "114-protest-official")],
    ),
    ("115-sue", "Ukraine sued Russia.", [("UKR", "115", "RUS", "asserted", "115-sue")]),
    (
        "115-file-case",
        "Gambia filed a case against Myanmar.",
        [("GMB", "115", "MMR", "asserted", "115-file-case")],
    ),
    (
        "115-take-to-court",
        "Australia took Japan to the International Court of Justice.",
        [("AUS", "115", "JPN", "asserted", "115-take-to-court")],
    ),
    (
        "116-convict",
        "An Iranian court convicted a French citizen.",
        [("IRNJUD", "116", "FRA", "asserted", "116-convict")],
    ),
    (
        "120-reject-measure",
        "Iran rejected the American sanctions.",
        [("IRN", "120", "USA", "asserted", "120-reject-measure")],
    ),
    (
        "120-reject-actor",
        "Hungary rebuffed the European Union.",
        [("HUN", "120", "IGOEU", "asserted", "120-reject-actor")],
    ),
    (
        "120-refuse-recognise",
        "Serbia refused to recognise Kosovo.",
        [("SRB", "120", "XKX", "asserted", "120-refuse-recognise")],
    ),
    (
        "1212-cancel-arms-deal",
        "Australia scrapped the submarine deal with France.",
        [("AUS", "1212", "FRA", "asserted", "1212-cancel-arms-deal")],
    ),
    (
        "121-cancel-contract",
        "Poland cancelled the contract with China.",
        [("POL", "121", "CHN", "asserted", "121-cancel-contract")],
    ),
    (
        "1211-refuse-trade",
        "India refused to trade with Pakistan.",
        [("IND", "1211", "PAK", "asserted", "1211-refuse-trade")],
    ),
    (
        "122-refuse-loan",
        "China declined the loan request from Sri Lanka.",
        [("CHN", "122", "LKA", "asserted", "122-refuse-loan")],
    ),
    (
        "1244-refuse-lift-sanctions",
        "The United States refused to lift sanctions on Iran.",
        [("USA", "1244", "IRN", "asserted", "1244-refuse-lift-sanctions")],
    ),
    (
        "1246-refuse-deescalate",
        "Russia refused to halt its attacks on Ukraine.",
        [
            ("RUS", "1246", "UKR", "asserted", "1246-refuse-deescalate"),
            ("RUS", "190", "UKR", "negated", "190-attack-owned"),
        ],
    ),
    (
        "1245-bar-inspectors",
        "Iran barred inspectors from the United Nations.",
        [("IRN", "1245", "IGOUNO", "asserted", "1245-bar-inspectors")],
    ),
    (
        "125-rule-out-talks",
        "India ruled out talks with Pakistan.",
        [("IND", "125", "PAK", "asserted", "125-rule-out-talks")],
    ),
    (
        "125-reject-talks",
        "North Korea rejected talks with South Korea.",
        [("PRK", "125", "KOR", "asserted", "125-reject-talks")],
    ),
    (
        "126-reject-mediation",
        "Armenia refused Russian mediation.",
        [("ARM", "126", "RUS", "asserted", "126-reject-mediation")],
    ),
    (
        "127-reject-agreement",
        "Israel rejected the agreement with Hamas.",
        [("ISR", "127", "PSEREB", "asserted", "127-reject-agreement")],
    ),
    (
        "127-refuse-to-sign",
        "Bolivia refused to sign the border treaty with Chile.",
        [("BOL", "127", "CHL", "asserted", "127-refuse-to-sign")],
    ),
    (
        "128-defy",
        "North Korea defied American sanctions.",
        [("PRK", "128", "USA", "asserted", "128-defy")],
    ),
    (
        "129-veto",
        "Russia vetoed the American resolution.",
        [("RUS", "129", "USA", "asserted", "129-veto")],
    ),
    (
        "129-block-resolution",
        "China blocked India's bid.",
        [("CHN", "129", "IND", "asserted", "129-block-resolution")],
    ),
    (
        "1385-threaten-nuclear",
        "Russia threatened Britain with nuclear weapons.",
        [("RUS", "1385", "GBR", "asserted", "1385-threaten-nuclear")],
    ),
    (
        "1381-threaten-blockade",
        "China threatened Taiwan with a blockade.",
        [("CHN", "1381", "TWN", "asserted", "1381-threaten-blockade")],
    ),
    (
        "1382-threaten-occupation",
        "Venezuela threatened to annex the region of Guyana.",
        [("VEN", "1382", "GUY", "asserted", "1382-threaten-occupation")],
    ),
    (
        "1312-threaten-sanctions",
        "The United States threatened sanctions against Turkey.",
        [("USA", "1312", "TUR", "asserted", "1312-threaten-sanctions")],
    ),
    (
        "1312-threaten-to-sanction",
        "Washington threatened to sanction Ankara.",
        [("USAGOV", "1312", "TURGOV", "asserted", "1312-threaten-to-sanction")],
    ),
    (
        "1313-threaten-to-break-ties",
        "Morocco threatened to sever ties with Germany.",
        [("MAR", "1313", "DEU", "asserted", "1313-threaten-to-break-ties")],
    ),
    (
        "1311-threaten-aid",
        "The United States threatened to withhold aid to Egypt.",
        [("USA", "1311", "EGY", "asserted", "1311-threaten-aid")],
    ),
    (
        "134-threaten-walk-out",
        "Iran threatened to walk out of talks with Britain.",
        [
            ("IRN", "134", "GBR", "asserted", "134-threaten-walk-out"),
            ("IRN", "040", "GBR", "asserted", "040-meeting"),
        ],
    ),
    (
        "138-vow-revenge",
        "Iran vowed revenge against Israel.",
        [("IRN", "138", "ISR", "asserted", "138-vow-revenge")],
    ),
    (
        "138-vow-retaliate",
        "Iran vowed to retaliate against Israel.",
        [("IRN", "138", "ISR", "asserted", "138-vow-retaliate")],
    ),
    (
        "130-vow-respond",
        "Iran vowed to respond to Israel's aggression.",
        [("IRN", "130", "ISR", "asserted", "130-vow-respond")],
    ),
    (
        "130-warn-consequences",
        "Pakistan warned India of consequences.",
        [("PAK", "130", "IND", "asserted", "130-warn-consequences")],
    ),
    (
        "130-issue-warning",
        "China issued a warning to Japan.",
        [("CHN", "130", "JPN", "asserted", "130-issue-warning")],
    ),
    (
        "139-ultimatum",
        "Saudi Arabia gave Qatar an ultimatum.",
        [("SAU", "139", "QAT", "asserted", "139-ultimatum")],
    ),
    (
        "139-ultimatum-noun",
        "Russia's ultimatum to Ukraine expired.",
        [("RUS", "139", "UKR", "asserted", "139-ultimatum-noun")],
    ),
    (
        "145-storm-embassy",
        "Iranian protesters stormed the Saudi embassy.",
        [("IRNOPP", "145", "SAUGOV", "asserted", "145-storm-embassy")],
    ),
    (
        "141-march-to",
        "Iranians marched to the British embassy.",
        [("IRN", "141", "GBRGOV", "asserted", "141-march-to")],
    ),
    (
        "141-protest-noun",
        "Pakistanis staged a mass protest against France.",
        [("PAK", "141", "FRA", "asserted", "141-protest-noun")],
    ),
    (
        "143-boycott-goods",
        "Turkey boycotted French products.",
        [("TUR", "143", "FRA", "asserted", "143-boycott-goods")],
    ),
    (
        "144-block-route",
        "Pakistani protesters blocked the road to Afghanistan.",
        [("PAKOPP", "144", "AFG", "asserted", "144-block-route")],
    ),
    (
        "152-raise-alert",
        "Greece placed its forces on high alert against Turkey.",
        [("GRC", "152", "TUR", "asserted", "152-raise-alert")],
    ),
    (
        "154-build-up",
        "Russia amassed troops near Ukraine.",
        [("RUS", "154", "UKR", "asserted", "154-build-up")],
    ),
    (
        "154-build-up-noun",
        "Russia's military buildup near Ukraine alarmed Poland.",
        [("RUS", "154", "UKR", "asserted", "154-build-up-noun")],
    ),
    (
        "150-drills",
        "China held drills around Taiwan.",
        [("CHN", "150", "TWN", "asserted", "150-drills")],
    ),
    (
        "150-drills-noun",
        "China's naval drills near Taiwan worried Japan.",
        [("CHN", "150", "TWN", "asserted", "150-drills-noun")],
    ),
    (
        "150-missile-test",
        "North Korea fired missiles over Japan.",
        [("PRK", "150", "JPN", "asserted", "150-missile-test")],
    ),
    (
        "150-fly-near",
        "China flew bombers near Taiwan.",
        [("CHN", "150", "TWN", "asserted", "150-fly-near")],
    ),
    (
        "150-enter-zone",
        "Chinese jets entered Taiwan's air defence zone.",
        [("CHN", "150", "TWN", "asserted", "150-enter-zone")],
    ),
    (
        "161-break-ties",
        "Bolivia broke off relations with Israel.",
        [("BOL", "161", "ISR", "asserted", "161-break-ties")],
    ),
    (
        "161-recall-envoy",
        "France recalled its ambassador to Australia.",
        [("FRA", "161", "AUS", "asserted", "161-recall-envoy")],
    ),
    (
        "161-expel-diplomatic-staff",
        "Pakistan expelled the Indian defence attaché.",
        [("PAK", "161", "IND", "asserted", "161-expel-diplomatic-staff")],
    ),
    (
        "161-persona-non-grata-clause",
        "Chile declared Peru's ambassador persona non grata.",
        [("CHL", "161", "PERGOV", "asserted", "161-persona-non-grata-clause")],
    ),
    (
        "161-ask-diplomats-leave",
        "Pakistan asked Indian diplomats to leave.",
        [("PAK", "161", "INDGOV", "asserted", "161-ask-diplomats-leave")],
    ),
    (
        "161-downgrade-mission",
        "Lithuania downgraded its embassy in China.",
        [("LTU", "161", "CHN", "asserted", "161-downgrade-mission")],
    ),
    (
        "164-halt-talks",
        "Israel suspended talks with Hamas.",
        [("ISR", "164", "PSEREB", "asserted", "164-halt-talks")],
    ),
    (
        "164-call-off-talks",
        "The United States called off talks with the Taliban.",
        [("USA", "164", "AFGTAL", "asserted", "164-call-off-talks")],
    ),
    (
        "165-halt-mediation",
        "Qatar suspended its mediation between Israel and Hamas.",
        [
            ("QAT", "165", "ISR", "asserted", "165-halt-mediation"),
            ("QAT", "165", "PSEREB", "asserted", "165-halt-mediation"),
        ],
    ),
    (
        "1662-expel-inspectors",
        "Iran expelled IAEA inspectors.",
        [("IRN", "1662", "IGOIAEA", "asserted", "1662-expel-inspectors")],
    ),
    (
        "1661-expel-peacekeepers",
        "Mali expelled United Nations peacekeepers.",
        [("MLI", "1661", "IGOUNO", "asserted", "1661-expel-peacekeepers")],
    ),
    (
        "1663-expel-aid-agencies",
        "Ethiopia expelled the British aid agencies.",
        [("ETH", "1663", "GBRNGO", "asserted", "1663-expel-aid-agencies")],
    ),
    (
        "166-order-mission-out",
        "Congo ordered the United Nations mission to leave.",
        [("COG", "166", "IGOUNO", "asserted", "166-order-mission-out")],
    ),
    (
        "1622-cut-military-aid",
        "The United States slashed military aid to Pakistan.",
        [("USA", "1622", "PAK", "asserted", "1622-cut-military-aid")],
    ),
    (
        "1623-cut-humanitarian-aid",
        "Britain slashed humanitarian aid to Yemen.",
        [("GBR", "1623", "YEM", "asserted", "1623-cut-humanitarian-aid")],
    ),
    (
        "1621-cut-economic-aid",
        "Japan stopped loans to Myanmar.",
        [("JPN", "1621", "MMR", "asserted", "1621-cut-economic-aid")],
    ),
    (
        "162-cut-aid",
        "The United States ended aid to Afghanistan.",
        [("USA", "162", "AFG", "asserted", "162-cut-aid")],
    ),
    (
        "163-retaliate-with-sanctions",
        "Brazil retaliated against Argentina with tariffs on wheat.",
        [("BRA", "163", "ARG", "asserted", "163-retaliate-with-sanctions")],
    ),
    (
        "163-sanction",
        "The United States sanctioned Chinese firms.",
        [("USA", "163", "CHNBUS", "asserted", "163-sanction")],
    ),
    (
        "163-designate",
        "The United States designated the Houthis as a terrorist organisation.",
        [("USA", "163", "YEMREB", "asserted", "163-designate")],
    ),
    (
        "163-add-to-list",
        "The United States added Huawei to the entity list.",
        [("USA", "163", "CHNBUS", "asserted", "163-add-to-list")],
    ),
    (
        "163-remove-from-whitelist",
        "Japan removed South Korea from its whitelist.",
        [("JPN", "163", "KOR", "asserted", "163-remove-from-whitelist")],
    ),
    (
        "163-tighten-controls",
        "The United States tightened export controls on China.",
        [("USA", "163", "CHN", "asserted", "163-tighten-controls")],
    ),
    (
        "163-freeze-assets",
        "Canada froze Russia's assets.",
        [("CAN", "163", "RUS", "asserted", "163-freeze-assets")],
    ),
    (
        "163-ban-trade",
        "India banned imports from Pakistan.",
        [("IND", "163", "PAK", "asserted", "163-ban-trade")],
    ),
    (
        "163-close-airspace",
        "Pakistan closed its airspace to India.",
        [("PAK", "163", "IND", "asserted", "163-close-airspace")],
    ),
    (
        "160-suspend-treaty",
        "Russia suspended the treaty with the United States.",
        [("RUS", "160", "USA", "asserted", "160-suspend-treaty")],
    ),
    (
        "160-suspend-member",
        "The African Union suspended Guinea after the coup.",
        [("IGOAFU", "160", "GIN", "asserted", "160-suspend-member")],
    ),
    (
        "160-suspend-participation",
        "ECOWAS suspended the participation of Niger in its summits.",
        [("IGOECOWAS", "160", "NER", "asserted", "160-suspend-participation")],
    ),
    (
        "160-put-on-hold",
        "India put the treaty with Pakistan on hold.",
        [("IND", "160", "PAK", "asserted", "160-put-on-hold")],
    ),
    (
        "160-suspend-visas",
        "India suspended visas for Canada.",
        [("IND", "160", "CAN", "asserted", "160-suspend-visas")],
    ),
    (
        "1711-seize-vessel",
        "Iran seized a British tanker.",
        [("IRN", "1711", "GBR", "asserted", "1711-seize-vessel")],
    ),
    (
        "162-impose-aid-freeze",
        "Canada imposed an aid freeze on Haiti.",
        [("CAN", "162", "HTI", "asserted", "162-impose-aid-freeze")],
    ),
    (
        "191-block-ports",
        "Turkey blocked Greece's ports.",
        [("TUR", "191", "GRC", "asserted", "191-block-ports")],
    ),
    (
        "1711-intercept-vessel",
        "The Greek navy intercepted a Turkish trawler.",
        [("GRCMIL", "1711", "TUR", "asserted", "1711-intercept-vessel")],
    ),
    (
        "150-intercept-aircraft",
        "Japanese fighter jets intercepted a Russian bomber.",
        [("JPN", "150", "RUS", "asserted", "150-intercept-aircraft")],
    ),
    (
        "114-lodge-representations",
        "Beijing lodged solemn representations with Seoul.",
        [("CHNGOV", "114", "KORGOV", "asserted", "114-lodge-representations")],
    ),
    (
        "1711-seize-assets",
        "Russia seized Finnish assets.",
        [("RUS", "1711", "FIN", "asserted", "1711-seize-assets")],
    ),
    (
        "1712-destroy-property",
        "Israeli troops demolished Palestinian homes.",
        [("ISRMIL", "1712", "PSE", "asserted", "1712-destroy-property")],
    ),
    (
        "1712-set-fire",
        "Iranian militants set fire to the French consulate.",
        [("IRNREB", "1712", "FRAGOV", "asserted", "1712-set-fire")],
    ),
    (
        "1722-ban-group",
        "Pakistan banned the Taliban.",
        [("PAK", "1722", "AFGTAL", "asserted", "1722-ban-group")],
    ),
    (
        "175-crack-down",
        "Belarusian police cracked down on Polish activists.",
        [("BLRCOP", "175", "POLOPP", "asserted", "175-crack-down")],
    ),
    (
        "173-arrest-more",
        "Iran jailed a French tourist.",
        [("IRN", "173", "FRA", "asserted", "173-arrest-more")],
    ),
    (
        "173-round-up",
        "Russia rounded up Ukrainian activists.",
        [("RUS", "173", "UKROPP", "asserted", "173-round-up")],
    ),
    (
        "173-take-custody",
        "Pakistan took the Indian pilot into custody.",
        [("PAK", "173", "IND", "asserted", "173-take-custody")],
    ),
    (
        "173-charge",
        "China charged a Canadian citizen with spying.",
        [("CHN", "173", "CAN", "asserted", "173-charge")],
    ),
    (
        "173-charge-bare",
        "Russia indicted an American journalist.",
        [("RUS", "173", "USAMED", "asserted", "173-charge-bare")],
    ),
    (
        "174-order-leave",
        "Pakistan ordered Afghan refugees to leave.",
        [("PAK", "174", "AFGREF", "asserted", "174-order-leave")],
    ),
    (
        "174-deportation-noun",
        "Pakistan's deportation of Afghans angered Kabul.",
        [("PAK", "174", "AFG", "asserted", "174-deportation-noun")],
    ),
    (
        "174-deport-more",
        "Britain extradited the Indian businessman.",
        [("GBR", "174", "IND", "asserted", "174-deport-more")],
    ),
    (
        "181-abduct",
        "Somali militants kidnapped Kenyan engineers.",
        [("SOMREB", "181", "KEN", "asserted", "181-abduct")],
    ),
    (
        "181-take-hostage",
        "Hamas took Israeli soldiers hostage.",
        [("PSEREB", "181", "ISRMIL", "asserted", "181-take-hostage")],
    ),
    (
        "181-take-prisoner",
        "Russia took Ukrainian soldiers prisoner.",
        [("RUS", "181", "UKRMIL", "asserted", "181-take-prisoner")],
    ),
    (
        "182-beat-up",
        "Chinese soldiers beat up Indian soldiers.",
        [("CHNMIL", "182", "INDMIL", "asserted", "182-beat-up")],
    ),
    (
        "182-assault-more",
        "Pakistani police manhandled the Indian diplomat.",
        [("PAKCOP", "182", "INDGOV", "asserted", "182-assault-more")],
    ),
    (
        "1822-torture",
        "Russian guards tortured Ukrainian prisoners.",
        [("RUS", "1822", "UKR", "asserted", "1822-torture")],
    ),
    (
        "1823-lynch",
        "A Pakistani mob lynched a Chinese worker.",
        [("PAK", "1823", "CHN", "asserted", "1823-lynch")],
    ),
    (
        "1831-suicide-bombing",
        "The Taliban carried out a suicide attack on Pakistani troops.",
        [("AFGTAL", "1831", "PAKMIL", "asserted", "1831-suicide-bombing")],
    ),
    (
        "1832-car-bombing",
        "Syrian militants detonated a car bomb near the Turkish embassy.",
        [("SYRREB", "1832", "TURGOV", "asserted", "1832-car-bombing")],
    ),
    (
        "1833-roadside-bomb",
        "Afghan insurgents planted a roadside bomb near American troops.",
        [("AFGREB", "1833", "USAMIL", "asserted", "1833-roadside-bomb")],
    ),
    (
        "183-bombing",
        "Pakistani militants hurled grenades at the Chinese consulate.",
        [("PAKREB", "183", "CHNGOV", "asserted", "183-bombing")],
    ),
    (
        "180-terror-attack",
        "The Taliban staged a terrorist attack on the Pakistani embassy.",
        [("AFGTAL", "180", "PAKGOV", "asserted", "180-terror-attack")],
    ),
    (
        "186-assassinate",
        "Israel assassinated an Iranian scientist.",
        [("ISR", "186", "IRN", "asserted", "186-assassinate")],
    ),
    (
        "185-attempt-assassination",
        "Iran plotted to kill an American official.",
        [("IRN", "185", "USAGOV", "asserted", "185-attempt-assassination")],
    ),
    (
        "184-human-shields",
        "Russia used Ukrainian civilians as human shields.",
        [("RUS", "184", "UKRCVL", "asserted", "184-human-shields")],
    ),
    (
        "195-air-campaign",
        "Pakistan launched air strikes in Afghanistan.",
        [("PAK", "195", "AFG", "asserted", "195-air-campaign")],
    ),
    (
        "194-artillery-fire",
        "Pakistan fired mortars into India.",
        [("PAK", "194", "IND", "asserted", "194-artillery-fire")],
    ),
    (
        "195-fire-missiles",
        "Iran fired missiles at Israel.",
        [("IRN", "195", "ISR", "asserted", "195-fire-missiles")],
    ),
    (
        "195-strike-positions",
        "Turkey struck Kurdish positions in Iraq.",
        [("TUR", "195", "IRQ", "asserted", "195-strike-positions")],
    ),
    (
        "194-shell-positions",
        "Armenia shelled Azerbaijani positions.",
        [("ARM", "194", "AZE", "asserted", "194-shell-positions")],
    ),
    (
        "190-attack-military",
        "Chinese troops attacked Indian soldiers.",
        [("CHNMIL", "190", "INDMIL", "asserted", "190-attack-military")],
    ),
    (
        "190-launch-operation",
        "Turkey launched a military operation in Syria.",
        [("TUR", "190", "SYR", "asserted", "190-launch-operation")],
    ),
    ("190-invade", "Russia invaded Ukraine.", [("RUS", "190", "UKR", "asserted", "190-invade")]),
    (
        "190-attack-owned",
        "Chile condemned Peru's attack on Bolivian soil.",
        [
            ("CHL", "111", "PER", "asserted", "111-condemn-act"),
            ("PER", "190", "BOL", "asserted", "190-attack-owned"),
        ],
    ),
    (
        "190-invasion-noun",
        "Russia's invasion of Ukraine shocked Europe.",
        [("RUS", "190", "UKR", "asserted", "190-invasion-noun")],
    ),
    (
        "190-military-operation-noun",
        "Turkey's military operation in Syria worried Russia.",
        [("TUR", "190", "SYR", "asserted", "190-military-operation-noun")],
    ),
    (
        "190-shoot-down",
        "Iran shot down an American drone.",
        [("IRN", "190", "USA", "asserted", "190-shoot-down")],
    ),
    (
        "190-exchange-fire-more",
        "Pakistan exchanged shells with India.",
        [("PAK", "190", "IND", "asserted", "190-exchange-fire-more")],
    ),
    (
        "190-engage",
        "Armenia engaged in fighting with Azerbaijan.",
        [("ARM", "190", "AZE", "asserted", "190-engage")],
    ),
    (
        "190-war-with",
        "Iraq declared war on Iran.",
        [("IRQ", "190", "IRN", "asserted", "190-war-with")],
    ),
    (
        "190-firefight-noun",
        "A firefight between Iran and Afghanistan erupted.",
        [("IRN", "190", "AFG", "asserted", "190-firefight-noun")],
    ),
    (
        "193-fire-at",
        "Iranian guards fired at Afghan troops.",
        [("IRN", "193", "AFGMIL", "asserted", "193-fire-at")],
    ),
    (
        "193-gun-down",
        "Indian soldiers gunned down Pakistani intruders.",
        [("INDMIL", "193", "PAK", "asserted", "193-gun-down")],
    ),
    (
        "192-annex",
        "Russia annexed Crimea from Ukraine.",
        [("RUS", "192", "UKR", "asserted", "192-annex")],
    ),
    (
        "192-seize-territory",
        "Russia seized territory from Ukraine.",
        [("RUS", "192", "UKR", "asserted", "192-seize-territory")],
    ),
    (
        "192-occupation-noun",
        "Israel's occupation of Syria continued.",
        [("ISR", "192", "SYR", "asserted", "192-occupation-noun")],
    ),
    (
        "191-blockade",
        "Saudi Arabia blockaded Qatar.",
        [("SAU", "191", "QAT", "asserted", "191-blockade")],
    ),
    (
        "191-impose-blockade",
        "Israel imposed a blockade on Lebanon.",
        [("ISR", "191", "LBN", "asserted", "191-impose-blockade")],
    ),
    (
        "191-blockade-noun",
        "The Saudi blockade on Qatar ended.",
        [("SAU", "191", "QAT", "asserted", "191-blockade-noun")],
    ),
    (
        "196-violate-ceasefire",
        "India violated the ceasefire with Pakistan.",
        [("IND", "196", "PAK", "asserted", "196-violate-ceasefire")],
    ),
    (
        "190-retaliate-with-force",
        "Eritrea retaliated against Ethiopia with artillery fire.",
        [("ERI", "190", "ETH", "asserted", "190-retaliate-with-force")],
    ),
    (
        "203-ethnic-cleansing",
        "Serbia committed ethnic cleansing against Bosnians.",
        [("SRB", "203", "BIH", "asserted", "203-ethnic-cleansing")],
    ),
    (
        "202-commit-genocide",
        "Iraq committed genocide against Kuwaitis.",
        [("IRQ", "202", "KWT", "asserted", "202-commit-genocide")],
    ),
    (
        "201-mass-expulsion",
        "Pakistan's mass expulsion of Afghans continued.",
        [("PAK", "201", "AFG", "asserted", "201-mass-expulsion")],
    ),
    (
        "2041-chemical-weapons",
        "Syria used chemical weapons against Turkey.",
        [("SYR", "2041", "TUR", "asserted", "2041-chemical-weapons")],
    ),
    (
        "2041-gas",
        "Iraq gassed Iranian soldiers.",
        [("IRQ", "2041", "IRNMIL", "asserted", "2041-gas")],
    ),
    (
        "2042-nuclear-strike",
        "The United States dropped a nuclear bomb on Japan.",
        [("USA", "2042", "JPN", "asserted", "2042-nuclear-strike")],
    ),
    (
        "111-condemn-over-deed",
        "Pakistan condemned India over the shelling.",
        [("PAK", "111", "IND", "asserted", "111-condemn-over-deed")],
    ),
    (
        "161-downgrading-noun",
        "Pakistan's downgrading of diplomatic ties with India angered Delhi.",
        [("PAK", "161", "IND", "asserted", "161-downgrading-noun")],
    ),
    (
        "161-expulsion-of-envoy-noun",
        "Pakistan's expulsion of the Indian envoy angered Delhi.",
        [("PAK", "161", "INDGOV", "asserted", "161-expulsion-of-envoy-noun")],
    ),
    (
        "163-trade-suspension-noun",
        "India's suspension of trade with Pakistan hurt farmers.",
        [("IND", "163", "PAK", "asserted", "163-trade-suspension-noun")],
    ),
    (
        "164-talks-suspension-noun",
        "Turkey's suspension of talks with Greece drew criticism.",
        [
            ("TUR", "164", "GRC", "asserted", "164-talks-suspension-noun"),
            ("TUR", "040", "GRC", "asserted", "040-meeting"),
        ],
    ),
    (
        "1011-demand-economic",
        "Washington demanded market access from Beijing.",
        [("USAGOV", "1011", "CHNGOV", "asserted", "1011-demand-economic")],
    ),
    (
        "1012-demand-military",
        "Ukraine demanded more troops from Poland.",
        [("UKR", "1012", "POL", "asserted", "1012-demand-military")],
    ),
    (
        "1014-demand-intelligence",
        "France demanded intelligence from Algeria.",
        [("FRA", "1014", "DZA", "asserted", "1014-demand-intelligence")],
    ),
    (
        "102-demand-support",
        "Serbia demanded support from Russia.",
        [("SRB", "102", "RUS", "asserted", "102-demand-support")],
    ),
    (
        "1032-demand-weapons",
        "Ukraine demanded tanks from Germany.",
        [("UKR", "1032", "DEU", "asserted", "1032-demand-weapons")],
    ),
    (
        "1033-demand-relief",
        "Yemen demanded humanitarian aid from Saudi Arabia.",
        [("YEM", "1033", "SAU", "asserted", "1033-demand-relief")],
    ),
    (
        "1034-demand-protection",
        "Bangladesh demanded protection from India.",
        [("BGD", "1034", "IND", "asserted", "1034-demand-protection")],
    ),
    (
        "1042-demand-policy-change",
        "China demanded the reversal of India's decision.",
        [("CHN", "1042", "IND", "asserted", "1042-demand-policy-change")],
    ),
    (
        "1043-demand-rights",
        "India demanded consular access from Pakistan.",
        [("IND", "1043", "PAK", "asserted", "1043-demand-rights")],
    ),
    (
        "1044-demand-regime-change",
        "The United States demanded fresh elections in Venezuela.",
        [("USA", "1044", "VEN", "asserted", "1044-demand-regime-change")],
    ),
    (
        "105-demand-mediation",
        "Ethiopia demanded mediation by the African Union.",
        [("ETH", "105", "IGOAFU", "asserted", "105-demand-mediation")],
    ),
    (
        "1055-demand-access",
        "Sweden demanded access to the detained journalist from Eritrea.",
        [("SWE", "1055", "ERI", "asserted", "1055-demand-access")],
    ),
    (
        "1056-demand-deescalation",
        "Egypt demanded restraint from Israel.",
        [("EGY", "1056", "ISR", "asserted", "1056-demand-deescalation")],
    ),
    (
        "1224-refuse-deploy",
        "Brazil refused to send troops to Haiti.",
        [("BRA", "1224", "HTI", "asserted", "1224-refuse-deploy")],
    ),
    (
        "1222-refuse-arms",
        "Germany refused weapons to Ukraine.",
        [("DEU", "1222", "UKR", "asserted", "1222-refuse-arms")],
    ),
    (
        "1243-refuse-release",
        "Iran refused the release of the British tanker.",
        [("IRN", "1243", "GBR", "asserted", "1243-refuse-release")],
    ),
    (
        "124-refuse-to-yield",
        "Iran refused to bow to American pressure.",
        [("IRN", "124", "USA", "asserted", "124-refuse-to-yield")],
    ),
    (
        "1383-threaten-terror",
        "Al-Shabaab threatened terrorist attacks against Kenya.",
        [("SOMREB", "1383", "KEN", "asserted", "1383-threaten-terror")],
    ),
    (
        "1384-threaten-attack",
        "Israel threatened strikes against Iran.",
        [("ISR", "1384", "IRN", "asserted", "1384-threaten-attack")],
    ),
    (
        "137-threaten-crackdown",
        "Russia threatened a crackdown on Ukrainian activists.",
        [("RUS", "137", "UKROPP", "asserted", "137-threaten-crackdown")],
    ),
    (
        "133-threaten-protest",
        "Armenian groups threatened to protest against Turkey.",
        [("ARM", "133", "TUR", "asserted", "133-threaten-protest")],
    ),
    (
        "132-threaten-ban",
        "Russia threatened to ban American journalists.",
        [("RUS", "132", "USAMED", "asserted", "132-threaten-ban")],
    ),
    (
        "131-threaten-withdraw",
        "Turkey threatened to veto Sweden's membership.",
        [("TUR", "131", "SWE", "asserted", "131-threaten-withdraw")],
    ),
    (
        "142-hunger-strike",
        "Pakistani prisoners began a hunger strike in India.",
        [("PAK", "142", "IND", "asserted", "142-hunger-strike")],
    ),
    (
        "143-boycott-event",
        "The United States boycotted the Beijing Olympics.",
        [("USA", "143", "CHNGOV", "asserted", "143-boycott-event")],
    ),
    (
        "163-boycott-country",
        "Saudi Arabia boycotted Qatar.",
        [("SAU", "163", "QAT", "asserted", "163-boycott-country")],
    ),
    (
        "160-isolate",
        "The European Union shunned Belarus.",
        [("IGOEU", "160", "BLR", "asserted", "160-isolate")],
    ),
    (
        "1723-curfew",
        "Russia imposed a curfew in Ukraine.",
        [("RUS", "1723", "UKR", "asserted", "1723-curfew")],
    ),
    (
        "1724-martial-law",
        "Russia declared martial law in Ukraine.",
        [("RUS", "1724", "UKR", "asserted", "1724-martial-law")],
    ),
    ("170-coerce", "China intimidated Taiwan.", [("CHN", "170", "TWN", "asserted", "170-coerce")]),
    (
        "195-bomb-country",
        "Israel bombed Syria.",
        [("ISR", "195", "SYR", "asserted", "195-bomb-country")],
    ),
    (
        "204-wmd",
        "Russia used a dirty bomb against Ukraine.",
        [("RUS", "204", "UKR", "asserted", "204-wmd")],
    ),
    (
        "114-envoy-summoned",
        "The Dutch envoy was summoned to the foreign ministry in Ankara.",
        [("TURGOV", "114", "NLDGOV", "asserted", "114-envoy-summoned")],
    ),
    (
        "106-ask-withdraw-forces",
        "The Maldives asked India to withdraw its military personnel.",
        [("MDV", "106", "IND", "asserted", "106-ask-withdraw-forces")],
    ),
    (
        "161-told-withdraw-envoy",
        "Chile's Foreign Ministry said that the Government of Peru had been told to withdraw "
        "its envoy.",
        [("CHLGOV", "161", "PERGOV", "asserted", "161-told-withdraw-envoy")],
    ),
    (
        "104-demand-reform",
        "The European Union demanded political reforms from Belarus.",
        [("IGOEU", "104", "BLR", "asserted", "104-demand-reform")],
    ),
    (
        "1221-reject-aid-request",
        "Germany rejected Greece's request for financial aid.",
        [
            ("DEU", "1221", "GRC", "asserted", "1221-reject-aid-request"),
            ("GRC", "023", "DEU", "negated", "023-aid-request-noun"),
        ],
    ),
    (
        "1224-reject-protection-request",
        "Russia rejected Ukraine's request for peacekeepers.",
        [("RUS", "1224", "UKR", "asserted", "1224-reject-protection-request")],
    ),
    (
        "1231-reject-step-down",
        "Maduro rejected Washington's demands to step down.",
        [("VENGOV", "1231", "USAGOV", "asserted", "1231-reject-step-down")],
    ),
    (
        "1232-reject-policy-change",
        "Japan dismissed South Korea's calls to reverse the decision.",
        [("JPN", "1232", "KOR", "asserted", "1232-reject-policy-change")],
    ),
    (
        "1233-reject-rights-demand",
        "Azerbaijan rejected Armenia's demands for autonomy for Karabakh.",
        [("AZE", "1233", "ARM", "asserted", "1233-reject-rights-demand")],
    ),
    (
        "1234-reject-independence",
        "Beijing rejected Taiwan's calls for independence.",
        [("CHNGOV", "1234", "TWN", "asserted", "1234-reject-independence")],
    ),
    (
        "1241-refuse-ease-restrictions",
        "Saudi Arabia refused to lift the travel ban on Qatar.",
        [("SAU", "1241", "QAT", "asserted", "1241-refuse-ease-restrictions")],
    ),
    (
        "135-threaten-halt-mediation",
        "Qatar threatened to suspend its mediation with the Taliban.",
        [("QAT", "135", "AFGTAL", "asserted", "135-threaten-halt-mediation")],
    ),
    (
        "136-threaten-pull-forces",
        "The United States threatened to withdraw its troops from Iraq.",
        [("USA", "136", "IRQ", "asserted", "136-threaten-pull-forces")],
    ),
    (
        "111-voice-criticism-of",
        "Pakistan voiced strong criticism of India's decision.",
        [("PAK", "111", "IND", "asserted", "111-voice-criticism-of")],
    ),
    (
        "130-warning-noun",
        "Serbia's warning to Kosovo was repeated.",
        [("SRB", "130", "XKX", "asserted", "130-warning-noun")],
    ),
    (
        "130-caution",
        "China cautioned the United States against interfering in Taiwan.",
        [("CHN", "130", "USA", "asserted", "130-caution")],
    ),
    (
        "161-persona-non-grata",
        "Russia declared the Estonian diplomat persona non grata.",
        [("RUS", "161", "ESTGOV", "asserted", "161-persona-non-grata")],
    ),
    (
        "195-airstrike-noun",
        "Pakistani airstrikes in Afghanistan killed eight people.",
        [("PAK", "195", "AFG", "asserted", "195-airstrike-noun")],
    ),
    (
        "195-modified-strike-noun",
        "The Israeli air raid on Syria killed two soldiers.",
        [("ISR", "195", "SYR", "asserted", "195-modified-strike-noun")],
    ),
    (
        "195-state-strike-noun",
        "Israel's strikes on Iran damaged nuclear sites.",
        [("ISR", "195", "IRN", "asserted", "195-state-strike-noun")],
    ),
    (
        "111-criticism-noun",
        "Norway's criticism of Russia drew a reply.",
        [("NOR", "111", "RUS", "asserted", "111-criticism-noun")],
    ),
    (
        "111-judged-provocation",
        "China said the visit by the US Speaker was a serious provocation.",
        [("CHN", "111", "USALEG", "asserted", "111-judged-provocation")],
    ),
    (
        "112-trade-accusations",
        "Pakistan traded accusations with India over the attack.",
        [
            ("PAK", "112", "IND", "asserted", "112-trade-accusations"),
            ("IND", "112", "PAK", "asserted", "112-trade-accusations"),
        ],
    ),
    (
        "150-warn-off",
        "Taiwan warned away Chinese warplanes.",
        [("TWN", "150", "CHN", "asserted", "150-warn-off")],
    ),
    (
        "130-face-consequences",
        "The Taliban said Pakistan would face consequences.",
        [("AFGTAL", "130", "PAK", "asserted", "130-face-consequences")],
    ),
    (
        "110-oppose",
        "Pakistan opposed India's bid for a permanent seat.",
        [("PAK", "110", "IND", "asserted", "110-oppose")],
    ),
    (
        "161-envoy-expelled",
        "Iran said the Pakistani ambassador had been expelled.",
        [("IRN", "161", "PAKGOV", "asserted", "161-envoy-expelled")],
    ),
    (
        "111-judged-unacceptable",
        "Afghanistan said that Pakistan's decision was unacceptable.",
        [("AFG", "111", "PAK", "asserted", "111-judged-unacceptable")],
    ),
    (
        "166-expel-forces",
        "Niger expelled American troops.",
        [("NER", "166", "USAMIL", "asserted", "166-expel-forces")],
    ),
    (
        "112-implicate",
        "Iran implicated Israel.",
        [("IRN", "112", "ISR", "asserted", "112-implicate")],
    ),
    (
        "112-suspect",
        "India suspects Pakistan of involvement.",
        [("IND", "112", "PAK", "asserted", "112-suspect")],
    ),
    (
        "141-hold-protest",
        "Bangladeshi students held protests against India.",
        [("BGDEDU", "141", "IND", "asserted", "141-hold-protest")],
    ),
    (
        "163-sanctions-noun",
        "Canada's new tariffs on Chinese steel took effect on Monday.",
        [("CAN", "163", "CHN", "asserted", "163-sanctions-noun")],
    ),
    (
        "114-protest-against",
        "Cairo protested against Ethiopia's filling of the dam.",
        [("EGYGOV", "114", "ETH", "asserted", "114-protest-against")],
    ),
    (
        "161-closure-noun",
        "Pakistan announced the closure of its embassy in Kabul.",
        [("PAKGOV", "161", "AFGGOV", "asserted", "161-closure-noun")],
    ),
    (
        "130-vow-countermeasures",
        "Beijing vowed countermeasures against Washington.",
        [("CHNGOV", "130", "USAGOV", "asserted", "130-vow-countermeasures")],
    ),
    (
        "181-capture-combatants",
        "The Congolese army captured two Rwandan soldiers.",
        [("CODMIL", "181", "RWAMIL", "asserted", "181-capture-combatants")],
    ),
    (
        "120-brush-aside",
        "Pyongyang shrugged off Seoul's threats.",
        [("PRKGOV", "120", "KORGOV", "asserted", "120-brush-aside")],
    ),
    (
        "120-refuse-demand",
        "Moscow declined Kyiv's proposal for a ceasefire.",
        [("RUSGOV", "120", "UKRGOV", "asserted", "120-refuse-demand")],
    ),
    (
        "114-answer-summons",
        "The Polish ambassador answered the summons from the Belarusian foreign ministry.",
        [("BLRGOV", "114", "POLGOV", "asserted", "114-answer-summons")],
    ),
    (
        "163-hit-with-sanctions",
        "The European Union hit Russia with sanctions.",
        [("IGOEU", "163", "RUS", "asserted", "163-hit-with-sanctions")],
    ),
]


def _ids(path: Path) -> list[str]:
    return [item["id"] for item in load_yaml(path.read_text(encoding="utf-8"))["verbs"]]


def _events(pipeline: Pipeline, text: str) -> list[Row]:
    extraction = pipeline.extract(Document.from_text(text, doc_id="t"))
    return [
        (e.source.code, e.cameo, e.target.code if e.target else "", e.factuality.value, e.rule)
        for e in extraction.events
    ]


@pytest.mark.parametrize(("pattern", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_conflict_pattern_codes_its_sentence(
    pipeline: Pipeline, pattern: str, text: str, expected: list[Row]
) -> None:
    events = _events(pipeline, text)
    assert events == expected
    assert pattern in {row[4] for row in events}


def test_conflict_patterns_each_have_a_case() -> None:
    assert sorted(_ids(CONFLICT)) == sorted(c[0] for c in CASES)


def test_conflict_lexicon_covers_many_codes() -> None:
    items = load_yaml(CONFLICT.read_text(encoding="utf-8"))["verbs"]
    codes = {item["code"] for item in items}
    assert {code[:2] for code in codes} == {f"{root:02d}" for root in range(9, 21)}
    assert (len(items), len(codes)) == (274, 137)


def test_pattern_ids_are_unique_across_bundled_verb_files() -> None:
    files = sorted(BUNDLED.glob("verbs*.yaml"))
    assert CONFLICT in files
    counts = Counter(pid for path in files for pid in _ids(path))
    assert [pid for pid, n in counts.items() if n > 1] == []
