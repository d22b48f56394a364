"""Profile pages as select-all + copy gives them, in three UI languages: the frame around the profile,
doubled lines, "· Full-time", endorsement lines, a company with two roles, "People also viewed" and the
footer (which has its own "About")."""

ENGLISH = """0 notifications total
Skip to main content
Home
My Network
Jobs
Messaging
Notifications
Me
For Business
Try Premium for free
Background Image
Elena Rossi
Elena Rossi
She/Her
· 2nd
Head of Operations at Korvo Logistics | Lean, automation, supplier networks
Korvo Logistics
Politecnico di Milano
Milan, Lombardy, Italy  Contact info
500+ connections
Anna Bianchi, Marco Verdi, and 12 other mutual connections
Message
More
About
About
I run operations at Korvo Logistics, where we cut supplier lead times by 30% in two years.
Lean, automation and people who like hard problems.…see more
Activity
Activity
2,345 followers
Posts
Comments
Elena Rossi posted this • 1w
Elena Rossi posted this • 1w
We finally moved our supplier onboarding to a shared portal and cut lead times by a third.
Here is what we learned about change management in a 40-year-old warehouse.
…show more
128
14 comments
Show all posts
Experience
Experience
Korvo Logistics
Korvo Logistics
Full-time · 5 yrs 2 mos
Milan, Italy
Head of Operations
Head of Operations
Jan 2021 - Present · 3 yrs 11 mos
Led the move to a shared supplier portal across 14 sites.
Skills: Lean Manufacturing · Supply Chain Management
Operations Manager
Operations Manager
Oct 2019 - Dec 2020 · 1 yr 3 mos
Ran two warehouses with 80 people.
Logistics Analyst
Logistics Analyst
Acme Freight · Full-time
Acme Freight · Full-time
Sep 2015 - Sep 2019 · 4 yrs 1 mo
Turin, Piedmont, Italy · Hybrid
Built the carrier scorecard.
Show all 4 experiences
Education
Education
Politecnico di Milano
Politecnico di Milano
Master's degree, Management Engineering
2010 - 2015
Skills
Skills
Supply Chain Management
Supply Chain Management
Endorsed by Marco Verdi who is highly skilled at this
12 endorsements
Lean Manufacturing
3 experiences across Korvo Logistics and 1 other company
Show all 25 skills
Interests
Top Voices
People also viewed
Luca Neri
COO at Freightly
About
Accessibility
Talent Solutions
LinkedIn Corporation © 2024
"""

FRENCH = """Accueil
Réseau
Emplois
Messagerie
Camille Durand
Camille Durand
Elle
· 2e
Directrice des achats chez Solvéo | Achats responsables
Solvéo
Lyon, Auvergne-Rhône-Alpes, France  Coordonnées
500+ relations
Paul Martin, Julie Leroy et 8 autres relations en commun
Infos
Infos
Je dirige les achats de Solvéo depuis 2019 : 120 fournisseurs, 40 M€ d’achats.…voir plus
Expérience
Expérience
Directrice des achats
Directrice des achats
Solvéo · CDI
janv. 2019 - aujourd’hui · 5 ans 11 mois
Lyon, France
Refonte du panel fournisseurs.
Acheteuse senior
Acheteuse senior
Groupe Lorin · Temps plein
sept. 2014 - déc. 2018 · 4 ans 4 mois
Formation
Formation
Université Lyon 3
Master, Achats internationaux
2012 - 2014
Compétences
Compétences
Achats
12 validations
Négociation
Afficher les 18 compétences
Les membres ont également consulté
Infos
"""

GERMAN = """Startseite
Mein Netzwerk
Jonas Weber
Jonas Weber
Er/Ihm
Leiter Einkauf bei Hanseatic Parts GmbH
Hamburg, Deutschland · Kontaktinfo
500+ Kontakte
Lena Fischer ist ein gemeinsamer Kontakt
Info
Info
Wir beschaffen Ersatzteile für 300 Werkstätten in Norddeutschland.
Berufserfahrung
Berufserfahrung
Leiter Einkauf
Hanseatic Parts GmbH · Vollzeit
März 2020 – heute · 4 J. 9 Mon.
Hamburg, Deutschland
Einkäufer
Nordlicht Logistik · Vollzeit
2016 – 2020 · 4 J.
Ausbildung
Ausbildung
Universität Hamburg
Bachelor of Science, Betriebswirtschaftslehre
2012 – 2016
Kenntnisse
Kenntnisse
Strategischer Einkauf
Bestätigt von Lena Fischer
Alle 12 Kenntnisse anzeigen
Andere Profile, die angesehen wurden
"""

DUTCH = """Sanne de Vries
Hoofd inkoop bij Dutchparts
Info
Ervaring
Hoofd inkoop
Dutchparts · Fulltime
jan. 2020 - heden · 4 jaar
Opleiding
Universiteit Utrecht
Vaardigheden
Inkoop
"""

ARTICLE = """How to cut supplier lead times in 2025
By a supply chain columnist
Supplier lead times are the hidden tax on every warehouse. In this article we look at three companies.
Experience shows that portals help, but only when suppliers are asked first.
The first company, a logistics firm in Milan, moved its onboarding online.
"""
