// Research and industry topics for the demo data, in both languages, with the
// research subjects (SCB codes) and an SNI code of an industry that would need them.
export interface Topic {
  subjects: string[];
  sni: string;
  sv: { competence: string; need: string; keywords: string[]; text: string };
  en: { competence: string; need: string; keywords: string[]; text: string };
}

export const topics: Topic[] = [
  {
    subjects: ["20205", "20305", "10201"],
    sni: "2811",
    sv: {
      competence: "Maskininlärning för tillståndsövervakning",
      need: "Förutsäga lagerhaverier i elmotorer",
      keywords: ["maskininlärning", "tillståndsövervakning", "vibrationsanalys"],
      text: "tillståndsövervakning av roterande maskiner med maskininlärning och signalbehandling",
    },
    en: {
      competence: "Machine learning for condition monitoring",
      need: "Predicting bearing failures from vibration data",
      keywords: ["machine learning", "condition monitoring", "predictive maintenance"],
      text: "condition monitoring of rotating machinery with machine learning and signal processing",
    },
  },
  {
    subjects: ["40104", "20703"],
    sni: "0220",
    sv: {
      competence: "Fjärranalys och laserskanning i skogsbruk",
      need: "Bättre skattning av virkesförråd",
      keywords: ["fjärranalys", "laserskanning", "skogsinventering"],
      text: "skattning av skogliga variabler med flygburen laserskanning och satellitdata",
    },
    en: {
      competence: "Remote sensing and LiDAR for forestry",
      need: "Better estimates of standing timber volume",
      keywords: ["remote sensing", "LiDAR", "forest inventory"],
      text: "estimating forest attributes from airborne laser scanning and satellite imagery",
    },
  },
  {
    subjects: ["30305", "10204", "50803"],
    sni: "8690",
    sv: {
      competence: "Digitala stöd i hemsjukvården",
      need: "Utvärdering av en app för hemtjänstpersonal",
      keywords: ["e-hälsa", "hemsjukvård", "användbarhet"],
      text: "hur digitala verktyg förändrar arbetet i vård och omsorg",
    },
    en: {
      competence: "Digital support in home health care",
      need: "Evaluating an app for home-care staff",
      keywords: ["e-health", "home care", "usability"],
      text: "how digital tools change work in health and elderly care",
    },
  },
  {
    subjects: ["20504", "10406"],
    sni: "1320",
    sv: {
      competence: "Textilåtervinning och fiberseparation",
      need: "Separera bomull och polyester i stor skala",
      keywords: ["textilåtervinning", "cirkulär ekonomi", "polymerkemi"],
      text: "återvinning av blandade textilfibrer och cirkulära flöden",
    },
    en: {
      competence: "Textile recycling and fibre separation",
      need: "Separating cotton-polyester blends at scale",
      keywords: ["textile recycling", "circular economy", "polymer chemistry"],
      text: "recycling blended textile fibres and circular material flows",
    },
  },
  {
    subjects: ["20299", "20303"],
    sni: "2711",
    sv: {
      competence: "Elektriska drivlinor och kraftelektronik",
      need: "Effektivare kraftelektronik i elfordon",
      keywords: ["elektrifiering", "kraftelektronik", "elmaskiner"],
      text: "konstruktion och provning av elmaskiner och kraftelektronik",
    },
    en: {
      competence: "Electric drive trains and power electronics",
      need: "More efficient power electronics for electric vehicles",
      keywords: ["electrification", "power electronics", "electric machines"],
      text: "design and testing of electric machines and power electronics",
    },
  },
  {
    subjects: ["20207", "20205"],
    sni: "2651",
    sv: {
      competence: "Inbyggda system och sensorfusion",
      need: "Strömsnål positionering inomhus",
      keywords: ["inbyggda system", "sensorfusion", "edge AI"],
      text: "resurssnål signalbehandling och maskininlärning i inbyggda system",
    },
    en: {
      competence: "Embedded systems and sensor fusion",
      need: "Low-power indoor positioning",
      keywords: ["embedded systems", "sensor fusion", "edge AI"],
      text: "resource-efficient signal processing and machine learning on embedded devices",
    },
  },
  {
    subjects: ["20103", "20102"],
    sni: "4120",
    sv: {
      competence: "Trähusbyggande och industriellt byggande",
      need: "Fuktsäkra prefabricerade träelement",
      keywords: ["träbyggande", "prefabricering", "fuktsäkerhet"],
      text: "industriellt byggande i trä och byggnadsfysik",
    },
    en: {
      competence: "Timber construction and industrialised building",
      need: "Moisture-safe prefabricated timber elements",
      keywords: ["timber construction", "prefabrication", "building physics"],
      text: "industrialised timber building and building physics",
    },
  },
  {
    subjects: ["50202", "50804"],
    sni: "7022",
    sv: {
      competence: "Organisationsförändring och digital transformation",
      need: "Stöd i omställningen till digitala arbetssätt",
      keywords: ["digital transformation", "förändringsledning", "organisation"],
      text: "hur organisationer leder och genomför digital omställning",
    },
    en: {
      competence: "Organisational change and digital transformation",
      need: "Support in the move to digital ways of working",
      keywords: ["digital transformation", "change management", "organisation studies"],
      text: "how organisations lead and carry out digital change",
    },
  },
  {
    subjects: ["20702", "20304"],
    sni: "3511",
    sv: {
      competence: "Energisystem och flexibla elnät",
      need: "Styrning av batterilager i lokala elnät",
      keywords: ["energisystem", "smarta elnät", "batterilager"],
      text: "modellering och styrning av flexibla energisystem",
    },
    en: {
      competence: "Energy systems and flexible grids",
      need: "Controlling battery storage in local grids",
      keywords: ["energy systems", "smart grids", "battery storage"],
      text: "modelling and control of flexible energy systems",
    },
  },
  {
    subjects: ["20403", "10406"],
    sni: "2016",
    sv: {
      competence: "Biobaserade material och gröna polymerer",
      need: "Ersätta fossil plast i förpackningar",
      keywords: ["biomaterial", "förpackningar", "polymerer"],
      text: "nya material från skogsråvara och biobaserade polymerer",
    },
    en: {
      competence: "Bio-based materials and green polymers",
      need: "Replacing fossil plastics in packaging",
      keywords: ["bio-based materials", "packaging", "polymers"],
      text: "new materials from forest raw materials and bio-based polymers",
    },
  },
  {
    subjects: ["50301", "50303"],
    sni: "8559",
    sv: {
      competence: "Yrkesverksammas lärande och kompetensutveckling",
      need: "Vidareutbildning för ingenjörer inom AI",
      keywords: ["kompetensutveckling", "livslångt lärande", "vidareutbildning"],
      text: "utbildning för yrkesverksamma och arbetsplatslärande",
    },
    en: {
      competence: "Professional learning and competence development",
      need: "Continuing education in AI for engineers",
      keywords: ["competence development", "lifelong learning", "continuing education"],
      text: "education for working professionals and workplace learning",
    },
  },
  {
    subjects: ["20505", "20506"],
    sni: "2512",
    sv: {
      competence: "Additiv tillverkning i metall",
      need: "Kvalitetssäkring av 3D-printade komponenter",
      keywords: ["additiv tillverkning", "3D-printning", "materialprovning"],
      text: "additiv tillverkning, processövervakning och provning av metallkomponenter",
    },
    en: {
      competence: "Metal additive manufacturing",
      need: "Quality assurance of 3D-printed parts",
      keywords: ["additive manufacturing", "3D printing", "materials testing"],
      text: "additive manufacturing, process monitoring and testing of metal parts",
    },
  },
  {
    subjects: ["10201", "10205"],
    sni: "6201",
    sv: {
      competence: "Informationssäkerhet och säker mjukvaruutveckling",
      need: "Säkerhetsgranskning av industriella styrsystem",
      keywords: ["informationssäkerhet", "cybersäkerhet", "styrsystem"],
      text: "säker mjukvara och skydd av industriella styrsystem",
    },
    en: {
      competence: "Information security and secure software engineering",
      need: "Security review of industrial control systems",
      keywords: ["information security", "cybersecurity", "control systems"],
      text: "secure software and protecting industrial control systems",
    },
  },
  {
    subjects: ["30308", "30307"],
    sni: "9313",
    sv: {
      competence: "Idrottsmedicin och fysisk aktivitet",
      need: "Mäta belastning hos elitidrottare",
      keywords: ["idrottsvetenskap", "belastning", "rehabilitering"],
      text: "fysisk aktivitet, träningsbelastning och skadeprevention",
    },
    en: {
      competence: "Sports medicine and physical activity",
      need: "Measuring training load in elite athletes",
      keywords: ["sport science", "training load", "rehabilitation"],
      text: "physical activity, training load and injury prevention",
    },
  },
  {
    subjects: ["60406", "20399"],
    sni: "7410",
    sv: {
      competence: "Design och hållbar produktutveckling",
      need: "Cirkulär design av möbler",
      keywords: ["design", "produktutveckling", "hållbarhet"],
      text: "designmetoder för hållbara och cirkulära produkter",
    },
    en: {
      competence: "Design and sustainable product development",
      need: "Circular design for furniture",
      keywords: ["design", "product development", "sustainability"],
      text: "design methods for sustainable and circular products",
    },
  },
  {
    subjects: ["20601", "20604"],
    sni: "3250",
    sv: {
      competence: "Medicinsk teknik och biosensorer",
      need: "Billig sensor för att mäta blodsocker",
      keywords: ["medicinsk teknik", "biosensorer", "diagnostik"],
      text: "biosensorer och mätteknik för vård och diagnostik",
    },
    en: {
      competence: "Medical technology and biosensors",
      need: "A low-cost sensor for blood glucose",
      keywords: ["medical technology", "biosensors", "diagnostics"],
      text: "biosensors and measurement technology for care and diagnostics",
    },
  },
  {
    subjects: ["50202", "50802"],
    sni: "4791",
    sv: {
      competence: "Konsumentbeteende och e-handel",
      need: "Förstå varför kunder lämnar kassan",
      keywords: ["e-handel", "konsumentbeteende", "marknadsföring"],
      text: "konsumentbeteende, digital handel och marknadsföring",
    },
    en: {
      competence: "Consumer behaviour and e-commerce",
      need: "Understanding why customers abandon checkout",
      keywords: ["e-commerce", "consumer behaviour", "marketing"],
      text: "consumer behaviour, digital retail and marketing",
    },
  },
  {
    subjects: ["20104", "20105"],
    sni: "4211",
    sv: {
      competence: "Infrastruktur och transportsystem",
      need: "Underhållsplanering för vägar och broar",
      keywords: ["infrastruktur", "underhåll", "transportsystem"],
      text: "drift och underhåll av infrastruktur och transportsystem",
    },
    en: {
      competence: "Infrastructure and transport systems",
      need: "Maintenance planning for roads and bridges",
      keywords: ["infrastructure", "maintenance", "transport systems"],
      text: "operation and maintenance of infrastructure and transport systems",
    },
  },
  {
    subjects: ["40101", "40106"],
    sni: "0111",
    sv: {
      competence: "Precisionsodling och markkartering",
      need: "Sensorer för markfukt i odlingar",
      keywords: ["precisionsodling", "jordbruk", "sensorer"],
      text: "precisionsodling, markkartering och sensorer i jordbruket",
    },
    en: {
      competence: "Precision agriculture and soil mapping",
      need: "Soil moisture sensing in crops",
      keywords: ["precision agriculture", "farming", "sensors"],
      text: "precision agriculture, soil mapping and sensors in farming",
    },
  },
  {
    subjects: ["60502", "50805"],
    sni: "9102",
    sv: {
      competence: "Kulturarv och digitalisering av samlingar",
      need: "Digitala visningar av museisamlingar",
      keywords: ["kulturarv", "digitalisering", "museer"],
      text: "digitalisering och förmedling av kulturarv",
    },
    en: {
      competence: "Cultural heritage and digitised collections",
      need: "Digital exhibitions of museum collections",
      keywords: ["cultural heritage", "digitisation", "museums"],
      text: "digitising and presenting cultural heritage",
    },
  },
  // The topics below belong to the arts, sport and defence colleges: subjects from the
  // humanities, arts, social and health sciences, never engineering or natural science.
  {
    subjects: ["60402", "60408"],
    sni: "5920",
    sv: {
      competence: "Musik, ljud och gehör",
      need: "Ljuddesign för en ny produktserie",
      keywords: ["musik", "ljuddesign", "lyssnande"],
      text: "musikaliskt gestaltande, ljud och hur människor lyssnar",
    },
    en: {
      competence: "Music, sound and listening",
      need: "Sound design for a new product line",
      keywords: ["music", "sound design", "listening"],
      text: "musical practice, sound and how people listen",
    },
  },
  {
    subjects: ["60404", "60409"],
    sni: "9001",
    sv: {
      competence: "Scenkonst och publikmöten",
      need: "Nya former för publikmöten på turné",
      keywords: ["scenkonst", "publikutveckling", "gestaltning"],
      text: "scenkonst, gestaltning och nya sätt att möta en publik",
    },
    en: {
      competence: "Performing arts and audiences",
      need: "New ways to meet audiences on tour",
      keywords: ["performing arts", "audience development", "staging"],
      text: "performing arts, staging and new ways of meeting an audience",
    },
  },
  {
    subjects: ["60401", "60407"],
    sni: "9003",
    sv: {
      competence: "Konst i offentliga miljöer",
      need: "Konstnärlig gestaltning av en ny stadsdel",
      keywords: ["offentlig konst", "bildkonst", "stadsutveckling"],
      text: "konstnärlig gestaltning i offentliga rum och stadsutveckling",
    },
    en: {
      competence: "Art in public space",
      need: "Public art for a new city district",
      keywords: ["public art", "visual arts", "urban development"],
      text: "artistic work in public space and urban development",
    },
  },
  {
    subjects: ["50602", "50601"],
    sni: "7022",
    sv: {
      competence: "Krisberedskap och ledarskap",
      need: "Övningar i krisledning för vår organisation",
      keywords: ["krisberedskap", "ledarskap", "totalförsvar"],
      text: "krisberedskap, ledarskap under osäkerhet och samverkan mellan myndigheter och företag",
    },
    en: {
      competence: "Crisis preparedness and leadership",
      need: "Crisis management exercises for our organisation",
      keywords: ["crisis preparedness", "leadership", "total defence"],
      text: "crisis preparedness, leadership under uncertainty and cooperation between agencies and companies",
    },
  },
  {
    subjects: ["30308", "50302"],
    sni: "9311",
    sv: {
      competence: "Idrottspedagogik och tränarskap",
      need: "Utbildning för ideella tränare",
      keywords: ["idrottspedagogik", "tränarskap", "fysisk aktivitet"],
      text: "tränarskap, idrottsundervisning och fysisk aktivitet för barn och unga",
    },
    en: {
      competence: "Sport pedagogy and coaching",
      need: "Training for volunteer coaches",
      keywords: ["sport pedagogy", "coaching", "physical activity"],
      text: "coaching, physical education and physical activity for children and young people",
    },
  },
  {
    subjects: ["60406", "60401"],
    sni: "7410",
    sv: {
      competence: "Konsthantverk och materialgestaltning",
      need: "Formgivning med restmaterial från produktionen",
      keywords: ["konsthantverk", "formgivning", "material"],
      text: "konsthantverk, formgivning och gestaltning med nya och återbrukade material",
    },
    en: {
      competence: "Crafts and material design",
      need: "Designing with offcuts from our production",
      keywords: ["crafts", "form design", "materials"],
      text: "crafts, form design and working with new and reused materials",
    },
  },
];
